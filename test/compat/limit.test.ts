import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const haveAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;
const maybe = haveAnsible ? describe : describe.skip;
const DIST = path.join(__dirname, '..', '..', 'dist', 'engine', 'cli');
const NO_HOSTS = 'Specified inventory, host pattern and/or --limit leaves us with no hosts to target.';

interface Outcome {
  code: number | null;
  noHostsError: boolean;
  ran: boolean;
}

function outcome(r: ReturnType<typeof spawnSync>): Outcome {
  const all = `${String(r.stdout)}${String(r.stderr)}`;
  return { code: r.status, noHostsError: all.includes(NO_HOSTS), ran: all.includes('"msg": "ran"') || all.includes('SUCCESS') };
}

function both(dir: string, tool: 'playbook' | 'adhoc', args: string[]): { ansible: Outcome; tsible: Outcome } {
  const env = { ...process.env, HOME: dir, ANSIBLE_CONFIG: path.join(dir, 'none.cfg') };
  const real = tool === 'playbook' ? 'ansible-playbook' : 'ansible';
  const ours = path.join(DIST, tool === 'playbook' ? 'tsible-playbook.js' : 'tsible.js');
  return {
    ansible: outcome(spawnSync(real, args, { cwd: dir, env, encoding: 'utf8' })),
    tsible: outcome(spawnSync(process.execPath, [ours, ...args], { cwd: dir, env, encoding: 'utf8' })),
  };
}

// A --limit that selects nothing stops the run with rc 1 in both tools, rather than "succeeding" on no hosts.
maybe('--limit that matches no host', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-limit-'));
    fs.writeFileSync(path.join(dir, 'inv'), '[web]\na ansible_connection=local\nb ansible_connection=local\n');
    fs.writeFileSync(path.join(dir, 'empty'), '\n');
    fs.writeFileSync(path.join(dir, 'p.yml'), '- hosts: all\n  gather_facts: no\n  tasks:\n    - debug: msg=ran\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['playbook, unknown host', 'playbook', ['-i', 'inv', 'p.yml', '-l', 'zzz'], { code: 1, noHostsError: true, ran: false }],
    ['playbook, one known among unknown', 'playbook', ['-i', 'inv', 'p.yml', '-l', 'zzz,a'], { code: 0, noHostsError: false, ran: true }],
    ['playbook, pattern excluding everything', 'playbook', ['-i', 'inv', 'p.yml', '-l', 'web:!web'], { code: 1, noHostsError: true, ran: false }],
    ['playbook, empty inventory', 'playbook', ['-i', 'empty', 'p.yml', '-l', 'zzz'], { code: 0, noHostsError: false, ran: false }],
    ['--list-hosts', 'playbook', ['-i', 'inv', 'p.yml', '-l', 'zzz', '--list-hosts'], { code: 1, noHostsError: true, ran: false }],
    ['ad-hoc pattern without limit', 'adhoc', ['-i', 'inv', 'zzz', '-m', 'ping'], { code: 0, noHostsError: false, ran: false }],
    ['ad-hoc, limit outside the pattern', 'adhoc', ['-i', 'inv', 'all', '-l', 'zzz', '-m', 'ping'], { code: 1, noHostsError: true, ran: false }],
  ] as const)('%s', (_name, tool, args, expected) => {
    const { ansible, tsible } = both(dir, tool, [...args]);
    expect(ansible).toEqual(expected);
    expect(tsible).toEqual(expected);
  });
});
