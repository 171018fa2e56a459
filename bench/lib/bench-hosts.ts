import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { RunningHosts, startHosts } from '../../test/hosts';

/**
 * Light test hosts (a network namespace with only an sshd each) logged into as a plain user.
 *
 * sshd runs every command through the user's shell, and bash reads ~/.bashrc when started by sshd. This
 * machine's root .bashrc runs `pyenv init`, which costs ~90 ms per command: that is a property of the
 * dotfiles, paid by both tools, and it would hide the tools' own costs. A user made with Debian's default
 * skeleton (whose .bashrc returns at once when not interactive) measures the tools instead.
 */
export const BENCH_USER = 'tsbench';

export function ensureBenchUser(): void {
  if (spawnSync('id', [BENCH_USER], { stdio: 'ignore' }).status !== 0) {
    run('useradd', ['-m', '-s', '/bin/bash', BENCH_USER]);
  }
  // Without PAM, sshd refuses an account whose password field says locked ('!'); '*' only means "no password".
  run('usermod', ['-p', '*', BENCH_USER]);
}

export async function startBenchHosts(count: number): Promise<RunningHosts> {
  ensureBenchUser();
  return startHosts({ count, light: true, prefix: 'bench' });
}

/** An inventory of the first `count` hosts, written into `dir`; returns its file name. */
export function writeBenchInventory(dir: string, hosts: RunningHosts, count: number): string {
  const file = `hosts-${count}.ini`;
  const lines = hosts.hosts.slice(0, count).map((h) => `${h.name} ansible_host=${h.address}`);
  writeFileSync(
    join(dir, file),
    [
      '[bench]',
      ...lines,
      '[bench:vars]',
      `ansible_user=${BENCH_USER}`,
      `ansible_ssh_private_key_file=${hosts.privateKeyPath}`,
      "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'",
      'ansible_python_interpreter=/usr/bin/python3',
      '',
    ].join('\n'),
  );
  return file;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}
