import type { FileStat } from '../../engine/connection/connection';
import type { ModuleContext } from '../../engine/module/types';
import { shellQuote } from '../../engine/module/shell-quote';
import { formatMode, resolveMode } from './mode';

/** The ownership and permissions a task asks for, common to file, copy, template, lineinfile… */
export interface AttrArgs {
  mode?: string | number;
  owner?: string;
  group?: string;
  /** chattr flags: '+flags', '-flags', or the exact set ('flags' or '=flags'). */
  attributes?: string | null;
  /** Write in place when the atomic replace fails; unset, ANSIBLE_UNSAFE_WRITES on the host decides. */
  unsafe_writes?: boolean | null;
}

export interface AttrPlan {
  /** Shell commands that bring the file to the wanted attributes; empty when nothing differs. */
  commands: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function sameId(wanted: string, name: string | undefined, id: number | undefined): boolean {
  return wanted === name || wanted === String(id);
}

/** What must change for `st` to have the wanted attributes (`recurse` applies chown/chmod below a directory). */
export function planAttrs(path: string, st: FileStat, want: AttrArgs, recurse = false): AttrPlan {
  const plan: AttrPlan = { commands: [], before: {}, after: {} };
  const q = shellQuote(path);
  const r = recurse ? '-R ' : '';
  const isLink = st.type === 'link';
  const ids = [
    ['owner', 'chown', want.owner, st.owner, st.uid],
    ['group', 'chgrp', want.group, st.group, st.gid],
  ] as const;
  for (const [key, tool, wanted, name, id] of ids) {
    if (wanted === undefined) continue;
    const differs = !sameId(wanted, name, id);
    if (differs) {
      plan.before[key] = id;
      plan.after[key] = wanted;
    }
    if (differs || recurse) plan.commands.push(`${tool} ${isLink ? '-h ' : ''}${r}${shellQuote(wanted)} ${q}`);
  }
  // chmod on a symlink would change its target; Linux links have no mode of their own.
  if (want.mode !== undefined && !isLink) {
    const current = st.mode ?? 0;
    const next = resolveMode(want.mode, current, st.type === 'directory');
    if (next !== current) {
      plan.before.mode = formatMode(current);
      plan.after.mode = formatMode(next);
    }
    if (next !== current || recurse) {
      const arg = recurse && typeof want.mode === 'string' && !/^[0-7]+$/.test(want.mode) ? want.mode : next.toString(8);
      plan.commands.push(`chmod ${r}${shellQuote(arg)} ${q}`);
    }
  }
  return plan;
}

/**
 * Adds to `plan` the chattr that gives `path` the flags `attributes` asks for. As Ansible compares them,
 * the flags lsattr shows must equal those named, whatever the operator: '+i' on a file that also has
 * 'e' (ext4 extents) runs chattr and reports a change every time, and '-flags' always runs.
 */
export async function planFlags(ctx: ModuleContext, path: string, attributes: string | null | undefined, plan: AttrPlan, recurse = false): Promise<void> {
  if (attributes === undefined || attributes === null) return;
  const op = attributes.startsWith('+') || attributes.startsWith('-') ? attributes[0] : '=';
  const flags = op === '=' ? attributes.replace(/^=/, '') : attributes.slice(1);
  const r = await ctx.probe.exec(`lsattr -d ${shellQuote(path)}`);
  // Without lsattr (or on a file system without flags) there are none to compare, as for Ansible.
  const current = r.rc === 0 ? (r.stdout.trim().split(/\s+/)[0] ?? '').replace(/-/g, '') : undefined;
  if ((current ?? '') === flags && op !== '-') return;
  plan.before.attributes = current ?? null;
  plan.after.attributes = `${op}${flags}`;
  // chattr may report a flag it could not change on stderr and still exit 0; Ansible takes either as failure.
  const chattr = `chattr ${recurse ? '-R ' : ''}${shellQuote(`${op}${flags}`)} ${shellQuote(path)}`;
  plan.commands.push(`{ out=$(${chattr} 2>&1) && [ -z "$out" ] || { printf 'chattr failed: Error while setting attributes: %s\\n' "$out" >&2; exit 1; }; }`);
}

/** Ansible's file-state keys in a result: uid, gid, owner, group, mode, size, state. */
export function statKeys(st: FileStat): Record<string, unknown> {
  if (!st.exists) return { state: 'absent' };
  const state = st.type === 'link' ? 'link' : st.type === 'directory' ? 'directory' : st.type === 'file' ? 'file' : 'other';
  return { uid: st.uid, gid: st.gid, owner: st.owner, group: st.group, mode: formatMode(st.mode ?? 0), size: st.size, state };
}

/** Runs commands joined by `&&` in one round trip; throws with the host's error text when one fails. */
export async function applyCommands(ctx: ModuleContext, commands: string[]): Promise<void> {
  if (commands.length === 0) return;
  const r = await ctx.apply.exec(commands.join(' && '));
  if (r.rc !== 0) throw new HostCommandError(r.stderr.trim() || r.stdout.trim() || `exit code ${r.rc}`);
}

/** A command on the host failed; modules turn it into a failed result with the host's message. */
export class HostCommandError extends Error {}

/** The file's stat after a change; in check mode (nothing ran) the stat as it was. */
export async function statAfter(ctx: ModuleContext, path: string, before: FileStat, didChange: boolean): Promise<FileStat> {
  if (ctx.check || !didChange) return before;
  return ctx.probe.stat(path, { follow: false });
}
