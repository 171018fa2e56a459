import { execFile, execFileSync } from 'child_process';
import { join } from 'path';

export const FIXTURES = join(__dirname, '../../fixtures/playbooks');

/** Whether real Ansible can be run for comparison (it is installed here and in CI). */
export function hasAnsible(): boolean {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface AnsibleRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runAnsible(args: string[], cwd: string, env: Record<string, string> = {}): Promise<AnsibleRun> {
  return new Promise((resolve) => {
    execFile('ansible-playbook', args, { cwd, env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs jobs with a small concurrency: the machine's few cores are shared. */
export async function pool<T, R>(items: T[], size: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return out;
}

/** Module names the tests treat as installed. */
export const KNOWN_MODULES = new Set(['command', 'shell', 'copy', 'file', 'apt', 'template', 'service', 'user', 'lineinfile']);
