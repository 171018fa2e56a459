import { defineModule, failed, ok } from '../engine/module/define';
import { editFile } from './_lib/edit-file';
import { HostCommandError } from './_lib/file-attrs';
import { editLines, LineEditArgs, splitLines } from './_lib/line-edit';
import { attrDocs, attrSchemas, optionalString, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas } from './_lib/schema-parts';

interface Args extends LineEditArgs, IgnoredFileArgs {
  path: string;
  create: boolean;
  backup: boolean;
  validate?: string;
  mode?: string | number;
  owner?: string;
  group?: string;
}

export default defineModule<Args>({
  name: 'lineinfile',
  aliases: ['ansible.builtin.lineinfile', 'ansible.legacy.lineinfile'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { path: ['dest', 'destfile', 'name'], regexp: ['regex'], line: ['value'] },
  mutuallyExclusive: [['insertbefore', 'insertafter'], ['regexp', 'search_string'], ['backrefs', 'search_string']],
  docs: {
    short: 'Manage lines in text files',
    description: 'Ensures a line is in a file (replacing the line a regexp or search string matches), or that no such line is.',
    args: {
      path: 'The file to modify (aliases: dest, destfile, name).',
      line: 'The line to insert or replace with; with backrefs, may use \\1 and \\g<name>.',
      regexp: 'Python regular expression; the last matching line is replaced (or removed with state=absent).',
      search_string: 'Literal string searched in each line, instead of regexp.',
      state: 'present or absent.',
      insertafter: "Regexp after whose last match the line is inserted when nothing matched, or 'EOF'.",
      insertbefore: "Regexp before whose last match the line is inserted, or 'BOF'.",
      firstmatch: 'Use the first match of regexp/insertafter/insertbefore instead of the last.',
      backrefs: 'Expand groups from regexp into line; if regexp does not match, the file is left unchanged.',
      create: 'Create the file when it does not exist.',
      backup: 'Keep a timestamped copy of the file before changing it.',
      validate: 'Command run on the candidate file; %s is its path.',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    examples: [
      { title: 'Set a value', args: { path: '/etc/selinux/config', regexp: '^SELINUX=', line: 'SELINUX=enforcing' } },
      { title: 'Remove a line', args: { path: '/etc/sudoers', state: 'absent', regexp: '^%wheel' } },
      { title: 'Add after a section', args: { path: '/etc/app.ini', insertafter: '^\\[main\\]', line: 'debug = false', create: true } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
      line: optionalString,
      regexp: optionalString,
      search_string: optionalString,
      insertafter: optionalString,
      insertbefore: optionalString,
      firstmatch: { type: 'boolean', default: false },
      backrefs: { type: 'boolean', default: false },
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
    if (args.state === 'present' && args.line === undefined) return failed('line is required with state=present');
    if (args.state === 'absent' && args.line === undefined && args.regexp === undefined && args.search_string === undefined) {
      return failed('one of line, search_string, or regexp is required with state=absent');
    }
    if (args.backrefs && args.regexp === undefined) return failed('regexp is required with backrefs=true');
    const data = await ctx.probe.readFile(args.path);
    if (data === null) {
      if (args.state === 'absent') return ok({ found: 0, msg: 'file not present', backup: '' });
      if (!args.create) return failed(`Destination ${args.path} does not exist !`, { rc: 257 });
    }
    const before = data?.toString('utf8') ?? null;
    const result = editLines(splitLines(before ?? ''), args);
    const extra = result.found !== undefined ? { found: result.found } : {};
    try {
      return await editFile(ctx, args, before, { text: result.lines.join(''), msg: result.msg, extra });
    } catch (e) {
      if (e instanceof HostCommandError) return failed(e.message);
      throw e;
    }
  },
});
