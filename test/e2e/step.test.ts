import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');

// --step asks before each task: y runs it, n (or nothing) skips it, c runs the rest without asking —
// the same tasks ansible-playbook runs for the same answers.
describe('--step', () => {
  it('runs the tasks answered yes and everything after continue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-step-'));
    try {
      writeFileSync(join(dir, 'p.yml'), '- hosts: localhost\n  gather_facts: no\n  tasks:\n' + ['one', 'two', 'three', 'four'].map((n) => `    - name: ${n}\n      debug: msg=${n}\n`).join(''));
      const r = spawnSync('node', [TSIBLE, '-i', 'localhost,', '-c', 'local', 'p.yml', '--step'], { cwd: dir, input: 'y\nn\nc\n', encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout.match(/TASK \[(\w+)\]/g)).toEqual(['TASK [one]', 'TASK [three]', 'TASK [four]']);
      expect(r.stderr.match(/Perform task: TASK: \w+/g)).toEqual(['Perform task: TASK: one', 'Perform task: TASK: two', 'Perform task: TASK: three']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
