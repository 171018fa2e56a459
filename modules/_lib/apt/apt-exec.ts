import type { ExecResult } from '../../../engine/connection/connection';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext } from '../../../engine/module/types';
import type { AptArgs } from './apt-args';
import { isLockError } from './apt-output';

/** What apt runs with, as Ansible sets it: no prompts, and output in a locale the parsing expects. */
export const APT_ENV = {
  DEBIAN_FRONTEND: 'noninteractive',
  DEBIAN_PRIORITY: 'critical',
  LANG: 'C',
  LC_ALL: 'C',
  LC_MESSAGES: 'C',
  LC_CTYPE: 'C',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a mutating apt/dpkg command; while another process holds the lock, waits and tries again
 * until `lock_timeout` seconds have passed, as Ansible does instead of failing at once.
 */
export async function applyWithLock(ctx: ModuleContext, args: AptArgs, command: string): Promise<ExecResult> {
  const deadline = Date.now() + args.lock_timeout * 1000;
  for (;;) {
    const r = await ctx.apply.exec(command, { env: APT_ENV });
    if (r.rc === 0 || !isLockError(r.stderr) || Date.now() >= deadline) return r;
    ctx.log('verbose', `apt is locked by another process, retrying: ${r.stderr.trim()}`);
    await sleep(1000);
  }
}

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** The command run with /usr/sbin/policy-rc.d answering `code` (policy_rc_d), the file there before put back after. */
export function withPolicyRcD(command: string, code: number | undefined): string {
  if (code === undefined) return command;
  const saved = `${POLICY_RC_D}.tsible-saved`;
  return [
    `if [ -e ${POLICY_RC_D} ]; then mv ${POLICY_RC_D} ${saved} || exit 1; fi`,
    `printf '#!/bin/sh\\nexit %d\\n' ${code} > ${POLICY_RC_D} && chmod 0755 ${POLICY_RC_D} || exit 1`,
    `( ${command} ); rc=$?`,
    `rm -f ${POLICY_RC_D}; if [ -e ${saved} ]; then mv ${saved} ${POLICY_RC_D}; fi`,
    'exit $rc',
  ].join('\n');
}

/** `-o "Dpkg::Options::=--force-confdef" …` from the comma-separated dpkg_options. */
export function dpkgOptions(options: string): string[] {
  return options.split(',').map((o) => `-o ${shellQuote(`Dpkg::Options::=--${o.trim()}`)}`);
}

/** Flags every apt-get call shares with Ansible's: release, recommends and the allow-* switches. */
function trailingFlags(args: AptArgs): string[] {
  const out: string[] = [];
  if (args.default_release) out.push(`-t ${shellQuote(args.default_release)}`);
  if (args.install_recommends !== undefined) out.push(`-o APT::Install-Recommends=${args.install_recommends ? 'yes' : 'no'}`);
  if (args.allow_unauthenticated) out.push('--allow-unauthenticated');
  if (args.allow_downgrade) out.push('--allow-downgrades');
  if (args.allow_change_held_packages) out.push('--allow-change-held-packages');
  return out;
}

export interface InstallCommandOptions {
  upgrade?: boolean;
  simulate?: boolean;
  fixed?: boolean;
  /** Extra `-o` options (a temporary lists directory). */
  aptOptions?: string[];
}

/** `apt-get install` for the planned packages (already pinned `name=version`). */
export function installCommand(args: AptArgs, packages: string[], opts: InstallCommandOptions = {}): string {
  const words = ['apt-get', '-y', ...(opts.aptOptions ?? []), ...dpkgOptions(args.dpkg_options)];
  if (args.only_upgrade) words.push('--only-upgrade');
  if (opts.fixed) words.push('--fix-broken');
  if (args.force) words.push('--force-yes');
  if (args.autoremove) words.push('--auto-remove');
  if (args.fail_on_autoremove) words.push('--no-remove');
  if (opts.simulate) words.push('--simulate');
  words.push('install', ...packages.map(shellQuote), ...trailingFlags(args));
  return words.join(' ');
}

export function removeCommand(args: AptArgs, packages: string[], simulate: boolean): string {
  const words = ['apt-get', '-q', '-y', ...dpkgOptions(args.dpkg_options)];
  if (args.purge) words.push('--purge');
  if (args.force) words.push('--force-yes');
  if (args.autoremove) words.push('--auto-remove');
  if (simulate) words.push('--simulate');
  words.push('remove', ...packages.map(shellQuote));
  return words.join(' ');
}

/** apt-get's subcommand for an `upgrade` mode (aptitude is never used: tsible always goes through apt-get). */
export function upgradeVerb(args: AptArgs): string {
  const verb = args.upgrade === 'dist' || args.upgrade === 'full' ? 'dist-upgrade' : 'upgrade --with-new-pkgs';
  return args.autoremove ? `${verb} --auto-remove` : verb;
}

export function upgradeCommand(args: AptArgs, simulate: boolean): string {
  const words = ['apt-get', '-y', ...dpkgOptions(args.dpkg_options)];
  if (args.force) words.push('--force-yes');
  if (args.fail_on_autoremove) words.push('--no-remove');
  if (args.allow_unauthenticated) words.push('--allow-unauthenticated');
  if (args.allow_downgrade) words.push('--allow-downgrades');
  if (simulate) words.push('--simulate');
  words.push(upgradeVerb(args));
  if (args.default_release) words.push(`-t ${shellQuote(args.default_release)}`);
  return words.join(' ');
}

/** autoremove / autoclean on their own (no packages named). */
export function cleanupCommand(args: AptArgs, operation: 'autoremove' | 'autoclean', simulate: boolean): string {
  const words = ['apt-get', '-y', ...dpkgOptions(args.dpkg_options)];
  if (args.purge) words.push('--purge');
  if (args.force) words.push('--force-yes');
  words.push(operation);
  if (simulate) words.push('--simulate');
  return words.join(' ');
}
