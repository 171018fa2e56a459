import { shellQuote } from '../../../engine/module/shell-quote';
import type { ExecResult } from '../../../engine/connection/connection';
import type { ModuleContext } from '../../../engine/module/types';
import { splitLinesPy } from '../run-command';
import { missingBinary, parseSections, probeSections } from '../service/probe-script';

/** A passwd entry, with the password hash from shadow when passwd only holds a placeholder (as Ansible reads it). */
export interface PasswdEntry {
  name: string;
  password: string;
  uid: number;
  gid: number;
  comment: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Everything the user and group modules decide on, read in one exec. */
export interface AccountState {
  user?: PasswdEntry;
  groups: GroupEntry[];
  /** Whether the home directory (the one asked for, else the user's) exists. */
  homeExists: boolean;
  /** Whether the directory holding the home asked for exists (useradd cannot create it). */
  homeParentExists: boolean;
  /** Ansible's message when a required tool is missing. */
  missingBinary?: string;
}

function parseGroups(text: string): GroupEntry[] {
  return text.split('\n').filter((l) => l.includes(':')).map((line) => {
    const [name, , gid, members = ''] = line.split(':');
    return { name, gid: Number(gid), members: members.split(',').filter((m) => m !== '') };
  });
}

function parsePasswd(text: string, shadow: string): PasswdEntry | undefined {
  const line = text.split('\n').find((l) => l.includes(':'));
  if (!line) return undefined;
  const [name, pw, uid, gid, comment, home, shell] = line.split(':');
  const password = pw.length <= 1 ? (shadow.split(':')[1] ?? '') : pw;
  return { name, password, uid: Number(uid), gid: Number(gid), comment, home, shell };
}

/** The probe script: the user's passwd and shadow lines, every group, whether the home exists, the tools. */
export function accountProbeScript(name: string, tools: string[], home?: string): string {
  const q = shellQuote(name);
  const homeExpr = home !== undefined ? shellQuote(home) : `"$(getent passwd ${q} | cut -d: -f6)"`;
  const { header, section, findBinaries } = probeSections();
  return [
    header,
    findBinaries(tools),
    `${section('passwd')}; getent passwd ${q}`,
    `${section('shadow')}; getent shadow ${q}`,
    `${section('groups')}; getent group`,
    `${section('home')}; h=${homeExpr}; [ -n "$h" ] && [ -e "$h" ] && echo yes`,
    `${section('home_parent')}; [ -n "$h" ] && [ -d "$(dirname "$h")" ] && echo yes`,
    'true',
  ].join('\n');
}

export function parseAccountProbe(stdout: string, tools: string[]): AccountState {
  const s = parseSections(stdout);
  const missing = tools.map((t) => missingBinary(t, s)).find((m) => m !== undefined);
  return { user: parsePasswd(s.passwd ?? '', s.shadow ?? ''), groups: parseGroups(s.groups ?? ''), homeExists: s.home === 'yes', homeParentExists: s.home_parent === 'yes', missingBinary: missing };
}

export async function probeAccount(ctx: ModuleContext, name: string, tools: string[], home?: string): Promise<AccountState> {
  const r = await ctx.probe.exec(accountProbeScript(name, tools, home));
  return parseAccountProbe(r.stdout, tools);
}

/** A group by name, or by gid when given digits (as Ansible tries the gid first). */
export function findGroup(groups: GroupEntry[], nameOrGid: string): GroupEntry | undefined {
  if (/^\d+$/.test(nameOrGid)) {
    const byGid = groups.find((g) => g.gid === Number(nameOrGid));
    if (byGid) return byGid;
  }
  return groups.find((g) => g.name === nameOrGid);
}

/** stdout and stderr (with their lines) when not empty, as Ansible adds them to user and group results. */
export function nonEmptyOutput(r: ExecResult): Record<string, unknown> {
  return {
    ...(r.stdout && { stdout: r.stdout, stdout_lines: splitLinesPy(r.stdout) }),
    ...(r.stderr && { stderr: r.stderr, stderr_lines: splitLinesPy(r.stderr) }),
  };
}
