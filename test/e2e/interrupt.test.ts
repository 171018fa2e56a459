import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { processesWith } from '../proc';

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');

// Ctrl-C reaches the whole foreground process group, as here: the run stops, says so, prints the
// recap and exits with ansible-playbook's code for an interrupted run (99).
describe('Ctrl-C during a run', () => {
  it('stops promptly, prints the recap and exits 99', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-int-'));
    try {
      writeFileSync(join(dir, 'inventory'), 'h1 ansible_connection=local\nh2 ansible_connection=local\n');
      writeFileSync(join(dir, 'p.yml'), '- hosts: all\n  gather_facts: no\n  tasks:\n    - debug: msg=first\n    - command: sleep 30\n    - debug: msg=never\n');
      const child = spawn('node', [TSIBLE, '-i', 'inventory', 'p.yml'], { cwd: dir, detached: true });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      await new Promise<void>((resolve) => {
        const wait = setInterval(() => {
          if (out.includes('TASK [command]')) {
            clearInterval(wait);
            setTimeout(resolve, 300);
          }
        }, 50);
      });
      const started = Date.now();
      process.kill(-child.pid!, 'SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // Stopped rather than waited for the command (30 s): the bound is generous for a busy machine.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(code).toBe(99);
      expect(out).toContain('PLAY RECAP');
      expect(out).not.toContain('never');
      expect(err).toContain('User interrupted execution');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});


// A service manager or `kill` sends SIGTERM to tsible alone. ansible-playbook dies silently then, leaving
// its local commands running; tsible stops as for Ctrl-C, ends them, prints the recap and exits 143.
describe('SIGTERM during a run', () => {
  it('stops the run, ends local commands, prints the recap and exits 143', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-term-'));
    // A duration no other process uses, to find the command's process by.
    const sleep = `3000.${process.pid}${Date.now() % 100000}`;
    try {
      writeFileSync(join(dir, 'inventory'), 'h1 ansible_connection=local\n');
      writeFileSync(join(dir, 'p.yml'), `- hosts: all\n  gather_facts: no\n  tasks:\n    - command: sleep ${sleep}\n    - debug: msg=never\n`);
      const child = spawn('node', [TSIBLE, '-i', 'inventory', 'p.yml'], { cwd: dir });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      await new Promise<void>((resolve) => {
        const wait = setInterval(() => {
          if (processesWith(sleep).length > 0) {
            clearInterval(wait);
            resolve();
          }
        }, 50);
      });
      child.kill('SIGTERM');
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      const left = processesWith(sleep);
      left.forEach((pid) => process.kill(pid, 'SIGKILL'));
      expect([code, signal]).toEqual([143, null]);
      expect(out).toContain('PLAY RECAP');
      expect(out).not.toContain('never');
      expect(err).toContain('Terminated (SIGTERM)');
      expect(left).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
