import type { FileStat } from '../engine/connection/connection';
import { shellQuote } from '../engine/connection/shell-quote';
import type { ModuleContext } from '../engine/module/types';
import { defineModule, failed, ok } from '../engine/module/define';
import { HostCommandError } from './_lib/file-attrs';
import { ensureHardLink, ensureSymlink } from './_lib/file-links';
import { ensureAbsent, ensureDirectory, ensureFile, ensureTouch, FileArgs } from './_lib/file-states';
import { ModeError } from './_lib/mode';
import { attrDocs, attrSchemas, ignoredFileDocs, ignoredFileSchemas, optionalString } from './_lib/schema-parts';
import { expandHome } from './_lib/home-path';

interface Args extends FileArgs {
  /** Ansible's action plugins ask this before a diff; a playbook may too. Any value, even false, asks. */
  _diff_peek?: boolean | null;
}

/** Prints 1 when the file's first 8 KiB hold a NUL byte; an unreadable file counts as text, as in Ansible. */
function binaryPeekCommand(path: string): string {
  return `head -c 8192 -- ${shellQuote(path)} 2>/dev/null | tr -dc '\\000' | head -c 1 | wc -c`;
}

/**
 * Without state, Ansible keeps what is there: a directory, or a link when src is given (it looks at the
 * link itself); nothing there is a directory with recurse, else a file.
 */
async function defaultState(ctx: ModuleContext, args: Args, st: FileStat): Promise<NonNullable<Args['state']>> {
  if (st.exists) {
    if (st.type === 'directory') return 'directory';
    if (args.src !== undefined && args.src !== null && (await ctx.probe.stat(args.path, { follow: false })).type === 'link') return 'link';
    return 'file';
  }
  return args.recurse ? 'directory' : 'file';
}

export default defineModule<Args>({
  name: 'file',
  aliases: ['ansible.builtin.file', 'ansible.legacy.file'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { path: ['dest', 'name'] },
  docs: {
    short: 'Manage files and file properties',
    description: 'Creates, removes and links files and directories, and sets their owner, group and mode.',
    args: {
      path: 'Path to the file being managed (aliases: dest, name).',
      state: 'file (only set attributes), directory (create with parents), touch, link, hard, or absent (remove recursively). Defaults to what is there, else file.',
      src: 'Target of the link for state=link or state=hard.',
      recurse: 'With state=directory, set attributes on everything below too.',
      force: 'Replace an existing file with a link, or create a link to a missing src.',
      follow: 'Follow symlinks when setting attributes.',
      access_time: "'preserve' (the default, but 'now' for state=touch), 'now', or a time in access_time_format, the host's local time.",
      modification_time: "As access_time, for the modification time.",
      access_time_format: "strptime format of an explicit access_time (default '%Y%m%d%H%M.%S').",
      modification_time_format: "strptime format of an explicit modification_time (default '%Y%m%d%H%M.%S').",
      ...attrDocs,
      ...ignoredFileDocs,
      _diff_peek: 'Only report whether the file looks binary (appears_binary), changing nothing.',
    },
    returns: { path: 'The path managed', state: 'What is at the path afterwards' },
    examples: [
      { title: 'Create a directory', args: { path: '/srv/app', state: 'directory', mode: '0755' } },
      { title: 'Symlink', args: { src: '/srv/app/current', dest: '/srv/app/live', state: 'link' } },
      { title: 'Remove', args: { path: '/tmp/junk', state: 'absent' } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      state: { type: 'string', enum: ['file', 'directory', 'touch', 'link', 'hard', 'absent'], nullable: true },
      src: optionalString,
      recurse: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: true },
      access_time: optionalString,
      modification_time: optionalString,
      access_time_format: optionalString,
      modification_time_format: optionalString,
      ...attrSchemas,
      ...ignoredFileSchemas,
      _diff_peek: { type: 'boolean', nullable: true },
    },
    required: ['path'],
    additionalProperties: false,
  },
  async run(ctx, given) {
    const args = { ...given, path: await expandHome(ctx, given.path) };
    if (args._diff_peek !== undefined && args._diff_peek !== null) {
      const peek = await ctx.probe.exec(binaryPeekCommand(args.path));
      return ok({ path: args.path, appears_binary: peek.stdout.toString().trim() === '1' });
    }
    // state=hard looks through a link to find a directory to link into, whatever follow says, as Ansible does.
    const follow = args.state === 'hard' || (args.follow && args.state !== 'link' && args.state !== 'absent');
    const st = await ctx.probe.stat(args.path, { follow });
    const state = args.state ?? (await defaultState(ctx, args, st));
    if (state === 'hard' && args.src === undefined) return failed(`src is required for state=${state}`);
    if (state === 'link' && args.src === undefined && st.type !== 'link') return failed('src is required for creating new symlinks');
    if (args.recurse && state !== 'directory') return failed('recurse option requires state to be directory');
    if (args.src !== undefined && args.src !== null && state !== 'link' && state !== 'hard') return failed("src option requires state to be 'link' or 'hard'", { path: args.path });
    try {
      switch (state) {
        case 'absent': return await ensureAbsent(ctx, args, st);
        case 'directory': return await ensureDirectory(ctx, args, st);
        case 'touch': return await ensureTouch(ctx, args, st);
        // Without src an existing link keeps its target and only gets its attributes, as in Ansible.
        case 'link': return await ensureSymlink(ctx, args.src === undefined ? { ...args, src: st.linkTarget, force: true } : args, st);
        case 'hard': return await ensureHardLink(ctx, args, st);
        default: return await ensureFile(ctx, args, st);
      }
    } catch (e) {
      if (e instanceof HostCommandError || e instanceof ModeError) return failed(e.message, { path: args.path });
      throw e;
    }
  },
});
