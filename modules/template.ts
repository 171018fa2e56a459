import { stat } from 'fs/promises';
import { defineModule, failed } from '../engine/module/define';
import { HostCommandError } from './_lib/file-attrs';
import { putContent } from './_lib/put-content';
import { attrDocs, attrSchemas, optionalString, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas } from './_lib/schema-parts';

interface Args extends IgnoredFileArgs {
  src: string;
  dest: string;
  force: boolean;
  backup: boolean;
  validate?: string;
  /** The characters, or written escaped as in a single-quoted YAML string ('\\r\\n'), which Ansible's action takes too. */
  newline_sequence: '\n' | '\r' | '\r\n' | '\\n' | '\\r' | '\\r\\n';
  trim_blocks?: boolean;
  lstrip_blocks?: boolean;
  output_encoding?: string;
  block_start_string?: string;
  block_end_string?: string;
  variable_start_string?: string;
  variable_end_string?: string;
  comment_start_string?: string;
  comment_end_string?: string;
  follow: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
}

export default defineModule<Args>({
  name: 'template',
  aliases: ['ansible.builtin.template', 'ansible.legacy.template'],
  supports: { checkMode: 'full', diff: true },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action hands another module arguments it makes (a temp src, the manager's module): that
  // invocation is not this task's arguments, and tsible has no such module run to show.
  invocation: false,
  docs: {
    short: 'Template a file out to a target host',
    description: 'Renders a Jinja2 template on the controller (searched in templates/) with the task variables, then installs it as copy does.',
    args: {
      src: 'The template, relative to templates/ of the role or playbook, or absolute.',
      dest: 'Path on the host.',
      force: 'Replace the file when its content differs; when false, only create it if missing.',
      backup: 'Keep a timestamped copy of the file being replaced.',
      validate: 'Command run on the candidate file before it is installed; %s is its path.',
      newline_sequence: 'Line ending of the rendered file.',
      trim_blocks: 'Jinja2 trim_blocks: the first newline after a block tag is removed (default true, as in Ansible).',
      lstrip_blocks: 'Jinja2 lstrip_blocks: blanks before a block tag at the start of a line are removed (default false).',
      output_encoding: 'Encoding of the written file (utf-8).',
      block_start_string: 'The string marking the beginning of a block ({%).',
      block_end_string: 'The string marking the end of a block (%}).',
      variable_start_string: 'The string marking the beginning of a print statement ({{).',
      variable_end_string: 'The string marking the end of a print statement (}}).',
      comment_start_string: 'The string marking the beginning of a comment ({#).',
      comment_end_string: 'The string marking the end of a comment (#}).',
      follow: 'Through a symlink at dest, write the file it points to; without it the link is replaced by the file.',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    examples: [{ title: 'Render nginx config', args: { src: 'nginx.conf.j2', dest: '/etc/nginx/nginx.conf', mode: '0644', validate: 'nginx -t -c %s' } }],
  },
  schema: {
    type: 'object',
    properties: {
      src: { type: 'string' },
      dest: { type: 'string' },
      force: { type: 'boolean', default: true },
      backup: { type: 'boolean', default: false },
      validate: optionalString,
      newline_sequence: { type: 'string', enum: ['\n', '\r', '\r\n', '\\n', '\\r', '\\r\\n'], default: '\n' },
      trim_blocks: { type: 'boolean', nullable: true },
      lstrip_blocks: { type: 'boolean', nullable: true },
      output_encoding: optionalString,
      block_start_string: optionalString,
      block_end_string: optionalString,
      variable_start_string: optionalString,
      variable_end_string: optionalString,
      comment_start_string: optionalString,
      comment_end_string: optionalString,
      follow: { type: 'boolean', default: false },
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['src', 'dest'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    let path: string;
    let text: string;
    try {
      path = await ctx.controller.findFile(args.src, 'templates');
      const delimiters = {
        blockStart: args.block_start_string ?? undefined,
        blockEnd: args.block_end_string ?? undefined,
        variableStart: args.variable_start_string ?? undefined,
        variableEnd: args.variable_end_string ?? undefined,
        commentStart: args.comment_start_string ?? undefined,
        commentEnd: args.comment_end_string ?? undefined,
      };
      text = await ctx.controller.renderTemplate(path, { trimBlocks: args.trim_blocks ?? undefined, lstripBlocks: args.lstrip_blocks ?? undefined, delimiters }, { src: args.src, dest: args.dest });
    } catch (e) {
      return failed((e as Error).message);
    }
    const newline = args.newline_sequence.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
    if (newline !== '\n') text = text.replace(/\n/g, newline);
    const mode = args.mode === 'preserve' ? ((await stat(path).catch(() => undefined))?.mode ?? 0o644) & 0o7777 : args.mode;
    try {
      return await putContent(ctx, { ...args, mode, content: Buffer.from(text), src: args.src });
    } catch (e) {
      if (e instanceof HostCommandError) return failed(e.message);
      throw e;
    }
  },
});
