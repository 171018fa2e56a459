import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { parseRecap } from '../compat/harness';
import { inventoryLine, NOPASSWD_USER, Sshd } from './sshd';

export interface PlayRun {
  code: number | null;
  recap: ReturnType<typeof parseRecap>;
  out: string;
}

/**
 * Runs `playbook.yml` in `dir` with one tool (ansible-playbook or tsible-playbook) and its own inventory,
 * for the tests that compare both tools against the suite's sshd.
 */
export function playIn(dir: string): (cmd: string[], inventory: string, ...extra: string[]) => PlayRun {
  return (cmd, inventory, ...extra) => {
    const r = spawnSync(cmd[0], [...cmd.slice(1), '-i', inventory, 'playbook.yml', ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    return { code: r.status, recap: parseRecap(r.stdout ?? ''), out: `${r.stdout}${r.stderr}` };
  };
}

/** One inventory per tool (`inventory` names the host theirs, `inventory-ours` ours), both on the suite's sshd. */
export function writeTwinInventories(dir: string, sshd: Sshd): void {
  writeFileSync(join(dir, 'inventory'), `${inventoryLine(sshd, 'theirs', NOPASSWD_USER)}\n`);
  writeFileSync(join(dir, 'inventory-ours'), `${inventoryLine(sshd, 'ours', NOPASSWD_USER)}\n`);
}
