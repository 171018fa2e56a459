import { defineModule, failed, ok } from '../engine/module/define';
import { BlockEditArgs, editBlock } from './_lib/block-edit';
import { editFile } from './_lib/edit-file';
import { HostCommandError } from './_lib/file-attrs';
import { attrDocs, attrSchemas, optionalString, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas } from './_lib/schema-parts';

interface Args extends BlockEditArgs, IgnoredFileArgs {
  path: string;
  create: boolean;
  backup: boolean;
  validate?: string;
  mode?: string | number;
  owner?: string;
  group?: string;
}

function message(before: string | null, after: string, removed: boolean): string {
  if (before === after) return '';
  if (before === null) return 'File created';
  return removed ? 'Block removed' : 'Block inserted';
}

export default defineModule<Args>({
  name: 'blockinfile',
  aliases: ['ansible.builtin.blockinfile', 'ansible.legacy.blockinfile'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { path: ['dest', 'destfile', 'name'], block: ['content'] },
  mutuallyExclusive: [['insertbefore', 'insertafter']],
  docs: {
    short: 'Insert/update/remove a text block surrounded by marker lines',
    args: {
      path: 'The file to modify (aliases: dest, destfile, name).',
      block: 'The text between the markers (alias: content); empty removes the block.',
      marker: 'Marker line template; {mark} becomes marker_begin or marker_end.',
      marker_begin: 'Replaces {mark} in the opening marker.',
      marker_end: 'Replaces {mark} in the closing marker.',
      state: 'present or absent.',
      insertafter: "Regexp after whose last match a new block goes, or 'EOF' (the default).",
      insertbefore: "Regexp before whose last match a new block goes, or 'BOF'.",
      create: 'Create the file when it does not exist.',
      backup: 'Keep a timestamped copy of the file before changing it.',
      validate: 'Command run on the candidate file; %s is its path.',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    examples: [
      { title: 'Add a block to sshd_config', args: { path: '/etc/ssh/sshd_config', block: 'Match User ansible\n  PasswordAuthentication no' } },
      { title: 'Remove it', args: { path: '/etc/ssh/sshd_config', state: 'absent' } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
      block: { type: 'string', default: '' },
      marker: { type: 'string', default: '# {mark} ANSIBLE MANAGED BLOCK' },
      marker_begin: { type: 'string', default: 'BEGIN' },
      marker_end: { type: 'string', default: 'END' },
      insertafter: optionalString,
      insertbefore: optionalString,
      create: { type: 'boolean', default: false },
      backup: { type: 'boolean', default: false },
      validate: optionalString,
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['path'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const data = await ctx.probe.readFile(args.path);
    if (data === null) {
      if (args.state === 'absent') return ok({ msg: `File ${args.path} not present` });
      if (!args.create) return failed(`Path ${args.path} does not exist !`, { rc: 257 });
    }
    const before = data?.toString('utf8') ?? null;
    const after = editBlock(before ?? '', args);
    const removed = args.state === 'absent' || args.block === '';
    try {
      const result = await editFile(ctx, args, before, { text: after, msg: message(before, after, removed) });
      const { backup, ...rest } = result;
      return backup ? { ...rest, backup_file: backup } : rest;
    } catch (e) {
      if (e instanceof HostCommandError) return failed(e.message);
      throw e;
    }
  },
});
