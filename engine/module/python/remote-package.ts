import { randomBytes } from 'crypto';
import { shellQuote } from '../shell-quote';
import type { ModuleContext, Probe } from '../types';

/** A file sent to hosts under its content's hash: a module package or a script-style module. */
export interface RemoteFile {
  bytes: Buffer;
  sha: string;
  /** How the file is named on the host after its hash (`.zip`, or nothing for a script). */
  suffix: string;
}

/** This run's directory on a host (per user), and the packages already sent there. */
interface HostDir {
  dir: Promise<string>;
  sent: Map<string, Promise<void>>;
  probe: Probe;
  host: string;
}

const dirs = new Map<string, HostDir>();

/** Names this run's directories apart from another run's on the same host. */
const RUN_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** `~/x` stays unquoted up to the slash, so the (become) user's shell expands it. */
function remotePath(path: string): string {
  if (path === '~') return '~';
  if (path.startsWith('~/')) return `~/${shellQuote(path.slice(2))}`;
  return shellQuote(path);
}

/** The remote tmp dir modules run from, as Ansible's remote_tmp: the variable, then the setting (ansible.cfg, ANSIBLE_REMOTE_TMP). */
export function remoteTmp(ctx: Pick<ModuleContext, 'vars' | 'remoteFiles'>): string {
  const given = ctx.vars.ansible_remote_tmp ?? ctx.remoteFiles?.tmp;
  return typeof given === 'string' && given ? given : '~/.ansible/tmp';
}

/**
 * The file's path on the host, sent there on first use: once per host, user and run, named by its hash
 * so two tasks of one module share it. Goes through `probe`, as the module itself runs in check mode too.
 */
export async function ensureRemoteFile(ctx: ModuleContext, pkg: RemoteFile, tmp: string): Promise<string> {
  const key = [ctx.host, ctx.become?.user ?? '', tmp].join('\u0000');
  let entry = dirs.get(key);
  if (!entry) {
    const made = ctx.probe.exec(`umask 77 && mkdir -p ${remotePath(tmp)}/tsible-${RUN_ID} && cd ${remotePath(tmp)}/tsible-${RUN_ID} && pwd`).then((r) => {
      if (r.rc !== 0) throw new Error(`cannot create the remote tmp dir ${tmp}/tsible-${RUN_ID} on ${ctx.host}: ${r.stderr.trim() || r.stdout.trim()}`);
      return r.stdout.trim().split('\n').pop() as string;
    });
    entry = { dir: made, sent: new Map(), probe: ctx.probe, host: ctx.host };
    made.catch(() => dirs.delete(key));
    dirs.set(key, entry);
  }
  const dir = await entry.dir;
  const path = `${dir}/${pkg.sha}${pkg.suffix}`;
  let sent = entry.sent.get(pkg.sha);
  if (!sent) {
    // Named apart per upload: hosts sharing a home (NFS) send the same package into the same directory at once.
    const part = `${path}.${randomBytes(4).toString('hex')}.part`;
    // Executable, for a binary module run as it is.
    sent = ctx.probe.exec(`cat > ${shellQuote(part)} && chmod 700 ${shellQuote(part)} && mv ${shellQuote(part)} ${shellQuote(path)}`, { stdin: pkg.bytes }).then((r) => {
      if (r.rc !== 0) throw new Error(`cannot send the module package to ${ctx.host}:${path}: ${r.stderr.trim()}`);
    });
    const forget = entry.sent;
    sent.catch(() => forget.delete(pkg.sha));
    entry.sent.set(pkg.sha, sent);
  }
  await sent;
  return path;
}

/**
 * The end of a run: each host's directory of packages is removed (kept when keep_remote_files is set, as
 * Ansible keeps its files for debugging). Best effort: a host gone unreachable keeps its copy.
 */
export async function removeRemotePackages(keep: boolean): Promise<void> {
  const all = [...dirs.values()];
  dirs.clear();
  if (keep) return;
  await Promise.all(
    all.map(async (entry) => {
      const dir = await entry.dir.catch(() => undefined);
      if (dir) await entry.probe.exec(`rm -rf ${shellQuote(dir)}`).catch(() => undefined);
    }),
  );
}
