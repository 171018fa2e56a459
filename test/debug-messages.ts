import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../engine/cli/tsible-playbook';

/** Runs tsible-playbook on `p.yml` in a new directory holding `files`; returns each debug msg shown, in order. */
export async function debugMessages(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-debug-messages-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  expect(await main(['-i', 'h ansible_connection=local,', 'p.yml'], io)).toBe(0);
  return [...out.matchAll(/"msg": "(.*)"/g)].map((m) => m[1]!);
}
