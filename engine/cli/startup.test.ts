import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * What loading each command pulls in. Every run pays for its start-up, so the heavy dependencies a run
 * may not need (the AWS SDK for the aws_ec2 inventory, the TypeScript compiler for .ts user modules)
 * must wait until a source or a module asks for them.
 */
const ROOT = join(__dirname, '..', '..');

function loadedBy(cli: string): string[] {
  const script = `require(${JSON.stringify(join(ROOT, 'engine', 'cli', cli))});
process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts', 'run-ts.js'), '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe.each(['tsible-playbook.ts', 'tsible.ts', 'tsible-inventory.ts'])('loading %s', (cli) => {
  const heavy = (files: string[]) => files.filter((f) => /node_modules\/(@aws-sdk|@smithy|typescript)\//.test(f));

  test('leaves the AWS SDK and the TypeScript compiler unloaded', () => {
    const files = loadedBy(cli);
    expect(files.some((f) => f.endsWith(cli))).toBe(true);
    expect(heavy(files)).toEqual([]);
  });
});
