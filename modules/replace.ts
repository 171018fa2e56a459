import { defineModule, failed, ok } from '../engine/module/define';
import type { ModuleContext } from '../engine/module/types';
import { editFile } from './_lib/edit-file';
import { HostCommandError } from './_lib/file-attrs';
import { ReplaceArgs, replaceText } from './_lib/replace-text';
import { attrDocs, attrSchemas, optionalString, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas } from './_lib/schema-parts';

interface Args extends ReplaceArgs, IgnoredFileArgs {
  path: string;
  backup: boolean;
  validate?: string;
  encoding: string;
  mode?: string | number;
  owner?: string;
  group?: string;
}

export default defineModule<Args>({
  name: 'replace',
  aliases: ['ansible.builtin.replace', 'ansible.legacy.replace'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { path: ['dest', 'destfile', 'name'] },
  docs: {
    short: 'Replace all instances of a particular string in a file using a back-referenced regular expression',
    args: {
      path: 'The file to modify (aliases: dest, destfile, name).',
      regexp: 'Python regular expression, matched in multiline mode.',
      replace: 'Replacement; may use \\1 and \\g<name>. Empty removes the matches.',
      after: 'Only replace after the first match of this regexp.',
      before: 'Only replace before the match of this regexp.',
      backup: 'Keep a timestamped copy of the file before changing it.',
      validate: 'Command run on the candidate file; %s is its path.',
      encoding: 'Character encoding of the file (utf-8 is supported).',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    examples: [{ title: 'Rename a host everywhere', args: { path: '/etc/hosts', regexp: '(\\s+)old\\.example\\.com(\\s+.*)?$', replace: '\\1new.example.com\\2' } }],
  },
  schema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      regexp: { type: 'string' },
      replace: { type: 'string', default: '' },
      after: optionalString,
      before: optionalString,
      backup: { type: 'boolean', default: false },
      validate: optionalString,
      encoding: { type: 'string', default: 'utf-8' },
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['path', 'regexp'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const data = await readOrDirectory(ctx, args.path);
    if (data === 'directory') return failed(`Path ${args.path} is a directory !`, { rc: 256 });
    if (data === null) return failed(`Path ${args.path} does not exist !`, { rc: 257 });
    const before = data.toString('utf8');
    const outcome = replaceText(before, args);
    if ('error' in outcome) return ok({ msg: outcome.error, rc: 0 });
    const msg = outcome.count ? `${outcome.count} replacements made` : '';
    try {
      const { backup, diff: _diff, ...rest } = await editFile(ctx, args, before, { text: outcome.text, msg });
      const diff = ctx.diff && outcome.count ? { diff: { before_header: args.path, before, after_header: args.path, after: outcome.text } } : {};
      return { ...rest, rc: 0, ...(backup ? { backup_file: backup } : {}), ...diff };
    } catch (e) {
      if (e instanceof HostCommandError) return failed(e.message);
      throw e;
    }
  },
});

/** The file's content; null when it is missing; 'directory' when reading failed because it is one. */
async function readOrDirectory(ctx: ModuleContext, path: string): Promise<Buffer | null | 'directory'> {
  try {
    return await ctx.probe.readFile(path);
  } catch (e) {
    // Only a failed read pays for the stat that tells a directory from other trouble.
    if ((await ctx.probe.stat(path, { follow: true })).type === 'directory') return 'directory';
    throw e;
  }
}
