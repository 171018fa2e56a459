import { readFile } from 'fs/promises';
import type { PutContent, PutOptions } from '../../engine/connection/connection';
import { shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext } from '../../engine/module/types';
import { HostCommandError } from './file-attrs';

const TRUE = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE = ['n', 'no', 'off', '0', 'false', 'f', ''];

/** ANSIBLE_UNSAFE_WRITES as Ansible's boolean() reads it; another value is an error, as in Ansible. */
export function unsafeWritesFromEnv(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new HostCommandError(`unsafe_writes: ANSIBLE_UNSAFE_WRITES='${value}' is not a valid boolean (use one of ${[...TRUE, ...FALSE.filter(Boolean)].join(', ')})`);
}

/** The argument when given, else ANSIBLE_UNSAFE_WRITES in the module's environment on the host (the task's environment:). */
async function unsafeWritesOn(ctx: ModuleContext, given: boolean | null | undefined): Promise<boolean> {
  if (given !== undefined && given !== null) return given;
  const r = await ctx.probe.exec('printf %s "${ANSIBLE_UNSAFE_WRITES-}"');
  return unsafeWritesFromEnv(r.stdout);
}

/**
 * Writes a file atomically, with Ansible's unsafe_writes fallback: when the atomic replace fails (no
 * temporary file can be made beside it or renamed over it: an immutable directory, a bind-mounted
 * file) and unsafe writes are on, the file is overwritten in place; otherwise the failure stands.
 */
export async function writeFileOrInPlace(ctx: ModuleContext, path: string, content: PutContent, opts: Omit<PutOptions, 'become'>, unsafe: boolean | null | undefined): Promise<void> {
  try {
    await ctx.apply.writeFile(path, content, opts);
  } catch (err) {
    if (!(await unsafeWritesOn(ctx, unsafe))) throw err;
    const data = typeof content === 'string' || Buffer.isBuffer(content) ? content : await readFile(content.localPath);
    const q = shellQuote(path);
    const commands = [`cat > ${q}`];
    if (opts.owner) commands.push(`chown ${shellQuote(opts.owner)} ${q}`);
    if (opts.group) commands.push(`chgrp ${shellQuote(opts.group)} ${q}`);
    if (opts.mode !== undefined) commands.push(`chmod ${opts.mode.toString(8)} ${q}`);
    const r = await ctx.apply.exec(commands.join(' && '), { stdin: data });
    if (r.rc !== 0) throw new HostCommandError(`Could not write data to file (${path}) from atomic replace: ${(r.stderr || r.stdout).trim()}`);
  }
}
