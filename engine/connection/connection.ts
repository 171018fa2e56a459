/**
 * The door every module goes through to reach a host. One Connection per host lives for the whole run
 * (ssh: one ssh2 client with exec channels and SFTP; local: child processes and fs), so a task costs
 * about one round trip. Implementations: local.ts, ssh.ts.
 */

import type { Digests } from './file-stream';

/** Privilege escalation for one call, resolved from become/become_user/become_method/become_flags. */
export interface BecomeSpec {
  method: 'sudo' | 'su';
  user: string;
  password?: string;
  flags?: string;
}

export interface ExecOptions {
  stdin?: string | Buffer;
  env?: Record<string, string>;
  cwd?: string;
  /** Kill the command and fail after this long (the `timeout:` task keyword). */
  timeoutMs?: number;
  become?: BecomeSpec;
}

export interface ExecResult {
  rc: number;
  stdout: string;
  stderr: string;
  /** Set when stdout or stderr went past the connection's output cap and its tail was dropped. */
  truncated?: boolean;
}

export type FileType = 'file' | 'directory' | 'link' | 'other';

export interface FileStat {
  exists: boolean;
  type?: FileType;
  /** Permission bits only, e.g. 0o644. */
  mode?: number;
  uid?: number;
  gid?: number;
  owner?: string;
  group?: string;
  size?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  linkTarget?: string;
  /** sha1 hex of the content, as Ansible's checksum, for regular files when asked for. */
  checksum?: string;
}

export interface PutOptions {
  mode?: number;
  owner?: string;
  group?: string;
  become?: BecomeSpec;
}

export interface FileOptions {
  become?: BecomeSpec;
}

/** A file on the controller to send as it is read, so its size does not matter (copy's src). */
export interface ControllerFile {
  localPath: string;
}

/** What putFile writes: bytes in memory, or a controller file streamed. */
export type PutContent = Buffer | string | ControllerFile;

export interface Connection {
  /** The inventory name of the host this connects to. */
  readonly host: string;
  /** Opens the connection; an error here makes the host UNREACHABLE. Idempotent. */
  connect(): Promise<void>;
  /** Runs a shell command line with /bin/sh on the host. */
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  /** The file's content, or null when it does not exist. */
  readFile(path: string, opts?: FileOptions): Promise<Buffer | null>;
  stat(path: string, opts?: FileOptions & { checksum?: boolean; follow?: boolean }): Promise<FileStat>;
  /**
   * Writes a file atomically: a temporary file in the destination directory, created readable by its
   * owner only before the first byte, fsync, owner and mode set, then rename over the destination, so
   * an interrupted write never leaves a half-written file nor shows the content to others meanwhile.
   * A temporary file of a transfer cut short (an error, close()) is removed.
   */
  putFile(path: string, content: PutContent, opts?: PutOptions): Promise<void>;
  /**
   * Copies a host file into `localPath` on the controller (created 0600, must not exist) as it arrives,
   * returning the digests of the bytes written, or null when the host file does not exist.
   */
  fetchFile(path: string, localPath: string, opts?: FileOptions): Promise<Digests | null>;
  close(): Promise<void>;
}

/** A failure to reach or keep talking to a host; the executor reports the host as UNREACHABLE. */
export class UnreachableError extends Error {
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** A command outlived its `timeoutMs`; it was killed. The host is still reachable. */
export class ExecTimeoutError extends Error {
  constructor(
    readonly host: string,
    readonly timeoutMs: number,
  ) {
    super(`command timed out after ${timeoutMs / 1000}s and was killed`);
    this.name = 'ExecTimeoutError';
  }
}

/** Privilege escalation failed (wrong or missing become password…); the task fails, the host stays reachable. */
export class BecomeError extends Error {
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'BecomeError';
  }
}
