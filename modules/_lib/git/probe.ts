import { shellQuote } from '../../../engine/module/shell-quote';
import { missingBinary, parseSections, probeSections } from '../service/probe-script';
import { parseLsRemote, RemoteRefs } from './refs';

/** The checkout in `dest` and the remote's refs, as one probe reads them. */
export interface GitState {
  missingBinary?: string;
  /** Where git was found, as Ansible names it in `cmd`. */
  path: string;
  /** A repository (its config) exists at dest. */
  exists: boolean;
  /** HEAD's sha; empty for a repository without commits. */
  head: string;
  /** The branch HEAD is on, else the remote's HEAD branch (detached checkouts), as Ansible's head branch. */
  headBranch?: string;
  /** Tracked files differ from HEAD (untracked files do not count). */
  localMods: boolean;
  /** The URL the remote is configured with. */
  remoteUrl: string;
  refs: RemoteRefs;
  /** ls-remote's exit code and failure output, when it failed. */
  lsRemoteError?: { rc: number; output: string };
}

export interface ProbeArgs {
  git: string;
  dest?: string;
  repo: string;
  remote: string;
  bare: boolean;
  /** When false, an existing checkout is only reported: the remote is not asked. */
  update: boolean;
}

/** One script: the git binary, the state of dest, and `git ls-remote` of the repo (unless it is not needed). */
export function gitProbeScript(a: ProbeArgs): string {
  const git = a.git === 'git' ? 'git' : shellQuote(a.git);
  const d = a.dest === undefined ? '' : shellQuote(a.dest);
  const r = shellQuote(a.remote);
  const { header, section, findBinaries } = probeSections();
  const local = a.dest === undefined ? [] : [
    `if [ -f ${d}/${a.bare ? 'config' : '.git/config'} ] || [ -f ${d}/.git ]; then`,
    `  cd ${d}; exists=yes; ${section('exists')}; echo yes`,
    `  ${section('head')}; ${git} rev-parse HEAD 2>/dev/null`,
    a.bare ? '' : `  ${section('status')}; ${git} status --porcelain 2>/dev/null | grep -v '^??' | head -1`,
    `  ${section('url')}; ${git} ls-remote --get-url ${r} 2>/dev/null`,
    // The remote's prefix is cut by the shell as a quoted (literal) pattern: a remote name is never code.
    `  ${section('branch')}; ${git} symbolic-ref -q --short HEAD || { b=$(${git} symbolic-ref -q --short refs/remotes/${r}/HEAD) && printf '%s\\n' "\${b#${r}/}"; }`,
    '  cd /',
    'fi',
  ];
  return [
    header,
    a.git === 'git' ? findBinaries(['git']) : `${section('bin:git')}; [ -x ${git} ] && echo ${git}`,
    ...local,
    `${a.update ? '' : '[ "$exists" = yes ] || '}{ ${section('ls_remote')}; ${git} ls-remote -- ${shellQuote(a.repo)} 2>&1; echo "rc=$?"; }`,
    'true',
  ].join('\n');
}

export function parseGitProbe(stdout: string, binary: string): GitState {
  const s = parseSections(stdout);
  const ls = s.ls_remote ?? '';
  const m = /(?:^|\n)rc=(\d+)$/.exec(ls);
  // The newline before `rc=` is the output's own last newline.
  const lsOut = m ? ls.slice(0, m.index + (m[0].startsWith('\n') ? 1 : 0)) : ls;
  const failed = s.ls_remote !== undefined && (!m || m[1] !== '0');
  return {
    missingBinary: missingBinary(binary, s),
    path: (s[`bin:${binary}`] ?? '').trim(),
    exists: s.exists === 'yes',
    head: (s.head ?? '').trim(),
    headBranch: s.branch ? s.branch.trim() : undefined,
    localMods: (s.status ?? '').trim() !== '',
    // Only the line's own newline goes: a URL or path may end in whitespace.
    remoteUrl: s.url ?? '',
    refs: failed ? new Map() : parseLsRemote(lsOut),
    lsRemoteError: failed ? { rc: m ? Number(m[1]) : 255, output: lsOut } : undefined,
  };
}
