import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

const DOC = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-doc.js');
const manyCollections = existsSync('/usr/lib/python3/dist-packages/ansible_collections/community/general') ? it : it.skip;

describe('tsible-doc --list through a pipe', () => {
  manyCollections('writes every line before exiting, however long the list (hundreds of kilobytes)', () => {
    if (!existsSync(DOC)) throw new Error(`build tsible first (npm run build): ${DOC} is missing`);
    const r = spawnSync('node', [DOC, '--list'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(2000);
    expect(lines.at(-1)).toBe('');
    expect(r.stdout).toMatch(/^community\.general\.ini_file +Tweak settings in INI files$/m);
  }, 120_000);
});
