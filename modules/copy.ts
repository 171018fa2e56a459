import { constants } from 'fs';
import { access, stat } from 'fs/promises';
import type { ControllerFile } from '../engine/connection/connection';
import { basename, join } from 'path';
import { ControllerFileNotFound } from '../engine/module/controller';
import { defineModule, failed } from '../engine/module/define';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { shellQuote } from '../engine/module/shell-quote';
import { AttrArgs, applyCommands, HostCommandError } from './_lib/file-attrs';
import { putContent } from './_lib/put-content';
import { pyDumps } from './_lib/py-dumps';
import { anyValue, attrDocs, attrSchemas, optionalString, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas } from './_lib/schema-parts';
import { copyRemoteTree } from './_lib/copy-remote-tree';
import { copyTree } from './_lib/copy-tree';
import { controllerSource } from './_lib/controller-source';
import { TsibleError } from '../engine/errors';
import { isVaulted } from '../engine/vault/format';
import { runVault } from '../engine/vault/vault';
import { expandHome } from './_lib/home-path';

export interface CopyArgs extends AttrArgs, IgnoredFileArgs {
  src?: string;
  content?: unknown;
  dest: string;
  remote_src: boolean;
  force: boolean;
  backup: boolean;
  validate?: string;
  directory_mode?: string | number;
  follow?: boolean;
  local_follow?: boolean;
  decrypt?: boolean;
  checksum?: string;
}

/** Inline content as text: data structures as JSON (Ansible's json.dumps), scalars as Python's str(). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (typeof content === 'boolean') return content ? 'True' : 'False';
  if (content !== null && typeof content === 'object') return pyDumps(content);
  return String(content);
}

async function destFor(ctx: ModuleContext, dest: string, src: string): Promise<string> {
  if (dest.endsWith('/')) return join(dest, basename(src));
  const st = await ctx.probe.stat(dest, { follow: true });
  return st.exists && st.type === 'directory' ? join(dest, basename(src)) : dest;
}

/** What is copied: the host file's bytes (remote_src), or the controller file, decrypted when vaulted; a string is why it cannot be. */
async function sourceContent(ctx: ModuleContext, args: CopyArgs & { src: string }): Promise<Buffer | ControllerFile | string> {
  if (args.remote_src) {
    const data = await ctx.probe.readFile(args.src);
    return data ?? `Source ${args.src} not found`;
  }
  const path = await ctx.controller.findFile(args.src, 'files');
  const readable = await access(path, constants.R_OK).then(() => true, () => false);
  return readable ? controllerSource(path, args.decrypt ?? true) : `Could not find or access '${args.src}' on the Ansible Controller.`;
}

/** mode: preserve means the mode src has (on the controller, or on the host with remote_src). */
async function preservedMode(ctx: ModuleContext, args: CopyArgs): Promise<number | undefined> {
  if (args.src === undefined) return undefined;
  if (args.remote_src) return (await ctx.probe.stat(args.src, { follow: true })).mode;
  const local = await stat(await ctx.controller.findFile(args.src, 'files')).catch(() => undefined);
  return local ? local.mode & 0o7777 : undefined;
}

async function copyOne(ctx: ModuleContext, given: CopyArgs): Promise<ModuleResult> {
  const args = given.mode === 'preserve' ? { ...given, mode: await preservedMode(ctx, given) } : given;
  const attrs = { mode: args.mode, owner: args.owner, group: args.group, attributes: args.attributes, unsafe_writes: args.unsafe_writes, force: args.force, backup: args.backup, validate: args.validate, follow: args.follow ?? false };
  if (args.content !== undefined) {
    if (args.dest.endsWith('/')) return failed('can not use content with a dir as dest');
    const text = contentText(args.content);
    // Ansible's copy writes content to a file and treats it as src: vault text is decrypted unless decrypt: no.
    const content = isVaulted(text) && (args.decrypt ?? true) ? decryptContent(text) : Buffer.from(text);
    if (typeof content === 'string') return failed(content);
    return putContent(ctx, { ...attrs, dest: args.dest, content });
  }
  const src = args.src as string;
  if (args.remote_src) {
    const tree = await copyRemoteTree(ctx, args);
    if (tree) return tree;
  } else {
    const local = await ctx.controller.findFile(src, 'files');
    const tree = await copyTree(ctx, local, args);
    if (tree) return tree;
  }
  const content = await sourceContent(ctx, { ...args, src });
  if (typeof content === 'string') return failed(content);
  if (!args.remote_src && args.dest.endsWith('/')) await makeDestDir(ctx, args);
  return putContent(ctx, { ...attrs, dest: await destFor(ctx, args.dest, src), content, src });
}

function decryptContent(text: string): Buffer | string {
  try {
    return runVault().decrypt(text);
  } catch (err) {
    if (err instanceof TsibleError) return err.message;
    throw err;
  }
}

/** A controller file copied to `dir/` creates the directory (and its parents) when missing, as Ansible does. */
async function makeDestDir(ctx: ModuleContext, args: CopyArgs): Promise<void> {
  if ((await ctx.probe.stat(args.dest, { follow: true })).exists) return;
  const mode = args.directory_mode === undefined ? '' : ` -m ${shellQuote(typeof args.directory_mode === 'number' ? args.directory_mode.toString(8) : args.directory_mode)}`;
  await applyCommands(ctx, [`mkdir -p${mode} ${shellQuote(args.dest)}`]);
}

export default defineModule<CopyArgs>({
  name: 'copy',
  aliases: ['ansible.builtin.copy', 'ansible.legacy.copy'],
  supports: { checkMode: 'full', diff: true },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action hands another module arguments it makes (a temp src, the manager's module): that
  // invocation is not this task's arguments, and tsible has no such module run to show.
  invocation: false,
  mutuallyExclusive: [['src', 'content']],
  argAliases: {},
  docs: {
    short: 'Copy files to remote locations',
    description: 'Copies a file from the controller (or, with remote_src, from the host itself) or inline content to a path on the host.',
    args: {
      src: 'Local path of a file or directory to copy (searched in files/ of the role or playbook); a trailing / copies the directory contents.',
      content: 'The file content, instead of src; a mapping or list is written as JSON, as Ansible does.',
      dest: 'Remote absolute path; a directory (or a path ending in /) receives a file named like src.',
      remote_src: 'src is a path on the host, not the controller.',
      force: 'Replace the file when its content differs; when false, only create it if it is missing.',
      backup: 'Keep a timestamped copy of the file being replaced.',
      validate: 'Command run on the candidate file before it is installed; %s is its path.',
      directory_mode: 'Mode of directories created while copying a directory.',
      follow: 'Through a symlink at dest, write the file it points to; without it the link is replaced by the file.',
      local_follow: 'Follow symlinks in src on the controller (tsible always does).',
      decrypt: 'Decrypt a vaulted src on the controller before sending it (default yes); no sends the vault text as it is.',
      checksum: 'Expected sha1 of src. Accepted for compatibility; not checked.',
      ...attrDocs,
      mode: `${attrDocs.mode} 'preserve' keeps the mode of src.`,
      ...ignoredFileDocs,
    },
    returns: { dest: 'Destination path', checksum: 'sha1 of the content', backup_file: 'Path of the backup, when one was made' },
    examples: [
      { title: 'Install a config file', args: { src: 'ntp.conf', dest: '/etc/ntp.conf', owner: 'root', group: 'root', mode: '0644' } },
      { title: 'Write inline content', args: { content: 'hello\n', dest: '/etc/motd' } },
      { title: 'Copy a file already on the host', args: { src: '/etc/hosts', dest: '/tmp/hosts.bak', remote_src: true } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      src: optionalString,
      content: anyValue,
      dest: { type: 'string' },
      remote_src: { type: 'boolean', default: false },
      force: { type: 'boolean', default: true },
      backup: { type: 'boolean', default: false },
      validate: optionalString,
      directory_mode: attrSchemas.mode,
      follow: { type: 'boolean', nullable: true },
      local_follow: { type: 'boolean', nullable: true },
      decrypt: { type: 'boolean', nullable: true },
      checksum: optionalString,
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['dest'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    if (args.src === undefined && args.content === undefined) return failed('src (or content) is required');
    try {
      return await copyOne(ctx, { ...args, dest: await expandHome(ctx, args.dest) });
    } catch (e) {
      if (e instanceof HostCommandError || e instanceof ControllerFileNotFound) return failed(e.message);
      throw e;
    }
  },
});
