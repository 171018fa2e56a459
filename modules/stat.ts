import { defineModule, failed, ok } from '../engine/module/define';
import { parseStat, statScript, StatOptions } from './_lib/stat-script';
import { expandHome } from './_lib/home-path';

interface Args {
  path: string;
  follow: boolean;
  get_checksum: boolean;
  checksum_algorithm: NonNullable<StatOptions['checksum']>;
  get_mime: boolean;
  get_md5: boolean;
  get_attributes: boolean;
}

export default defineModule<Args>({
  name: 'stat',
  aliases: ['ansible.builtin.stat', 'ansible.legacy.stat'],
  supports: { checkMode: 'full', diff: false },
  argAliases: { path: ['dest', 'name'], checksum_algorithm: ['checksum', 'checksum_algo'], get_mime: ['mime', 'mime_type', 'mime-type'], get_attributes: ['attr', 'attributes'] },
  docs: {
    short: 'Retrieve file or file system status',
    args: {
      path: 'The path to examine (aliases: dest, name).',
      follow: 'Follow symlinks.',
      get_checksum: 'Compute the checksum of a regular file.',
      checksum_algorithm: 'md5, sha1 (default), sha224, sha256, sha384 or sha512.',
      get_mime: 'Report mimetype and charset (needs `file` on the host).',
      get_md5: 'Also report the md5 of a regular file.',
      get_attributes: 'Accepted for compatibility; extended attributes are not reported.',
    },
    returns: { stat: 'exists, path, mode, isdir, isreg, islnk, uid, gid, pw_name, gr_name, size, mtime, checksum, …' },
    examples: [{ title: 'Does the file exist?', args: { path: '/etc/app.conf' } }],
  },
  schema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      follow: { type: 'boolean', default: false },
      get_checksum: { type: 'boolean', default: true },
      checksum_algorithm: { type: 'string', enum: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'], default: 'sha1' },
      get_mime: { type: 'boolean', default: true },
      get_md5: { type: 'boolean', default: false },
      get_attributes: { type: 'boolean', default: true },
    },
    required: ['path'],
    additionalProperties: false,
  },
  async run(ctx, given) {
    const args = { ...given, path: await expandHome(ctx, given.path) };
    const opts: StatOptions = { follow: args.follow, checksum: args.get_checksum ? args.checksum_algorithm : undefined, mime: args.get_mime, md5: args.get_md5 };
    const r = await ctx.probe.exec(statScript(args.path, opts));
    if (r.rc !== 0) return failed(r.stderr.trim() || `cannot stat ${args.path}`);
    return ok({ stat: parseStat(args.path, r.stdout, opts) });
  },
});
