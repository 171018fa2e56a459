import { createHash } from 'crypto';
import { basename, join } from 'path';
import { changed, defineModule, failed, ok } from '../engine/module/define';

interface Args {
  src: string;
  dest: string;
  flat: boolean;
  fail_on_missing: boolean;
  validate_checksum: boolean;
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Where on the controller the file lands: `dest/<host>/<src path>`, or with flat, dest itself. */
function localPath(args: Args, host: string): string {
  if (args.flat) return args.dest.endsWith('/') ? join(args.dest, basename(args.src)) : args.dest;
  return join(args.dest, host, args.src);
}

export default defineModule<Args>({
  name: 'fetch',
  aliases: ['ansible.builtin.fetch', 'ansible.legacy.fetch'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Fetch files from remote nodes',
    description: 'Copies a file from the host to the controller, under dest/<inventory hostname>/<path> unless flat.',
    args: {
      src: 'The file on the host.',
      dest: 'Directory on the controller (or with flat, the file path).',
      flat: 'Do not add the host name and path below dest.',
      fail_on_missing: 'Fail when the file is missing on the host.',
      validate_checksum: 'Check the copy against the host file checksum.',
    },
    returns: { dest: 'Path on the controller', checksum: 'sha1 of the file', remote_checksum: 'sha1 on the host' },
    examples: [{ title: 'Collect logs', args: { src: '/var/log/app.log', dest: 'logs/' } }],
  },
  schema: {
    type: 'object',
    properties: {
      src: { type: 'string' },
      dest: { type: 'string' },
      flat: { type: 'boolean', default: false },
      fail_on_missing: { type: 'boolean', default: true },
      validate_checksum: { type: 'boolean', default: true },
    },
    required: ['src', 'dest'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const data = await ctx.probe.readFile(args.src);
    const dest = localPath(args, ctx.host);
    if (data === null) {
      const msg = 'the remote file does not exist, not transferring, ignored';
      return args.fail_on_missing ? failed(msg, { file: args.src }) : ok({ msg, file: args.src });
    }
    const checksum = sha1(data);
    const keys = { checksum, dest, md5sum: createHash('md5').update(data).digest('hex'), remote_checksum: checksum, remote_md5sum: null };
    const local = await ctx.controller.readFile(dest);
    if (local !== null && sha1(local) === checksum) return ok({ ...keys, file: args.src });
    await ctx.apply.writeLocalFile(dest, data);
    return changed(keys);
  },
});
