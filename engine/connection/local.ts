import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { promises as fs, Stats } from 'fs';
import { constants, userInfo } from 'os';
import { basename, dirname, join } from 'path';
import { shellQuote } from '../module/shell-quote';
import type { BecomeSpec, Connection, ExecOptions, ExecResult, FileOptions, FileStat, PutOptions } from './connection';
import { groupId, groupName, userId, userName } from './local-users';

function fileType(st: Stats): FileStat['type'] {
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  return 'other';
}

/** Printed by sudo when it reads the password from stdin; removed from the command's stderr. */
const SUDO_PROMPT = '[tsible sudo password] ';

/** The sudo/su command line running `command` as another user; stdin carries the password when one is set. */
export function becomeCommand(command: string, become: BecomeSpec): string {
  if (become.method === 'su') return `su ${shellQuote(become.user)} -s /bin/sh -c ${shellQuote(command)}`;
  const prompt = become.password ? `-S -p ${shellQuote(SUDO_PROMPT)}` : '-n';
  return ['sudo -H', prompt, become.flags, `-u ${shellQuote(become.user)} /bin/sh -c ${shellQuote(command)}`].filter(Boolean).join(' ');
}

/** The controller itself as a host: child processes for commands, fs for files. */
export class LocalConnection implements Connection {
  private readonly me = userInfo().username;

  constructor(readonly host: string = 'localhost') {}

  async connect(): Promise<void> {}

  /** Commands still running; close() ends them, as closing an ssh connection ends its sessions. */
  private readonly running = new Set<number>();

  async close(): Promise<void> {
    for (const pid of this.running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.running.clear();
  }

  private needsBecome(become?: BecomeSpec): become is BecomeSpec {
    return become !== undefined && become.user !== this.me;
  }

  exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const become = this.needsBecome(opts.become) ? opts.become : undefined;
    const line = become ? becomeCommand(command, become) : command;
    const input = become?.password ? Buffer.concat([Buffer.from(`${become.password}\n`), Buffer.from(opts.stdin ?? '')]) : opts.stdin;
    return new Promise((resolvePromise, reject) => {
      // Its own process group, so a timeout kills the whole pipeline, not just the shell.
      const child = spawn('/bin/sh', ['-c', line], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, detached: true });
      if (child.pid !== undefined) this.running.add(child.pid);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const kill = () => {
        timedOut = true;
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = opts.timeoutMs ? setTimeout(kill, opts.timeoutMs) : undefined;
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (child.pid !== undefined) this.running.delete(child.pid);
        if (timer) clearTimeout(timer);
        if (timedOut) return reject(new Error(`command timed out after ${opts.timeoutMs} ms: ${command}`));
        const rc = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : -1);
        const stderr = Buffer.concat(err).toString('utf8');
        resolvePromise({ rc, stdout: Buffer.concat(out).toString('utf8'), stderr: become?.password ? stderr.split(SUDO_PROMPT).join('') : stderr });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(input ?? '');
    });
  }

  async readFile(path: string, opts: FileOptions = {}): Promise<Buffer | null> {
    if (this.needsBecome(opts.become)) {
      const r = await this.exec(`test -e ${shellQuote(path)} || exit 3; base64 < ${shellQuote(path)}`, opts);
      if (r.rc === 3) return null;
      if (r.rc !== 0) throw new Error(`cannot read ${path}: ${r.stderr.trim()}`);
      return Buffer.from(r.stdout, 'base64');
    }
    try {
      return await fs.readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async stat(path: string, opts: FileOptions & { checksum?: boolean; follow?: boolean } = {}): Promise<FileStat> {
    if (this.needsBecome(opts.become)) return this.statAs(path, opts as typeof opts & { become: BecomeSpec });
    let st: Stats;
    try {
      st = opts.follow ? await fs.stat(path) : await fs.lstat(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { exists: false };
      throw e;
    }
    const result: FileStat = {
      exists: true,
      type: fileType(st),
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      owner: userName(st.uid),
      group: groupName(st.gid),
      size: st.size,
      mtime: st.mtimeMs / 1000,
    };
    if (st.isSymbolicLink()) result.linkTarget = await fs.readlink(path);
    if (opts.checksum && st.isFile()) result.checksum = createHash('sha1').update(await fs.readFile(path)).digest('hex');
    return result;
  }

  /** stat through sudo: one command printing GNU stat's fields and the sha1. */
  private async statAs(path: string, opts: { become: BecomeSpec; checksum?: boolean; follow?: boolean }): Promise<FileStat> {
    const q = shellQuote(path);
    const sum = opts.checksum ? `; test -f ${q} && sha1sum < ${q}` : '';
    const r = await this.exec(`stat ${opts.follow ? '-L ' : ''}-c '%F|%a|%u|%g|%U|%G|%s|%Y' ${q} 2>/dev/null || exit 3${sum}`, opts);
    if (r.rc === 3) return { exists: false };
    const [fields, checksum] = r.stdout.split('\n');
    const [kind, mode, uid, gid, owner, group, size, mtime] = fields.split('|');
    const type = kind.includes('link') ? 'link' : kind === 'directory' ? 'directory' : kind.startsWith('regular') ? 'file' : 'other';
    const result: FileStat = { exists: true, type, mode: parseInt(mode, 8), uid: +uid, gid: +gid, owner, group, size: +size, mtime: +mtime };
    if (type === 'link') result.linkTarget = (await this.exec(`readlink ${q}`, opts)).stdout.replace(/\n$/, '');
    if (checksum) result.checksum = checksum.split(' ')[0];
    return result;
  }

  async putFile(path: string, content: Buffer | string, opts: PutOptions = {}): Promise<void> {
    if (this.needsBecome(opts.become)) return this.putFileAs(path, content, opts as PutOptions & { become: BecomeSpec });
    const existing = await fs.stat(path).catch(() => undefined);
    const tmp = join(dirname(path), `.${basename(path)}.tsible-${process.pid}-${Date.now()}`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
      const uid = opts.owner !== undefined ? userId(opts.owner) : existing?.uid;
      const gid = opts.group !== undefined ? groupId(opts.group) : existing?.gid;
      if (uid !== undefined || gid !== undefined) await handle.chown(uid ?? -1, gid ?? -1);
      // A new file gets the umask's default, an existing one keeps its mode, as Ansible's atomic move does.
      await handle.chmod(opts.mode ?? (existing ? existing.mode & 0o7777 : 0o666 & ~process.umask()));
    } catch (e) {
      await handle.close();
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    await fs.rename(tmp, path);
  }

  private async putFileAs(path: string, content: Buffer | string, opts: PutOptions & { become: BecomeSpec }): Promise<void> {
    const q = shellQuote(path);
    const steps = [
      `t=$(mktemp ${shellQuote(dirname(path))}/.tsible-XXXXXXXX) || exit 1`,
      `cat > "$t" || { rm -f "$t"; exit 1; }`,
      `if [ -e ${q} ]; then chmod --reference=${q} "$t"; chown --reference=${q} "$t" 2>/dev/null; fi`,
      opts.owner !== undefined ? `chown ${shellQuote(opts.owner)} "$t"` : '',
      opts.group !== undefined ? `chgrp ${shellQuote(opts.group)} "$t"` : '',
      opts.mode !== undefined ? `chmod ${opts.mode.toString(8)} "$t"` : '',
      `mv -f "$t" ${q}`,
    ];
    const r = await this.exec(steps.filter(Boolean).join(' && '), { become: opts.become, stdin: content });
    if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
  }
}
