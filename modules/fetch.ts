import { stat } from 'fs/promises';
import { UnreachableError } from '../engine/connection/connection';
import { digestFile } from '../engine/connection/file-stream';
import { changed, defineModule, failed, ok } from '../engine/module/define';
import { fetchDest, symlinkEscape } from './_lib/fetch-dest';
import { expandHome } from './_lib/home-path';

interface Args {
  src: string;
  dest: string;
  flat: boolean;
  fail_on_missing: boolean;
  validate_checksum: boolean;
}

const MISSING = 'the remote file does not exist, not transferring, ignored';

export default defineModule<Args>({
  name: 'fetch',
  aliases: ['ansible.builtin.fetch', 'ansible.legacy.fetch'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
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
  async run(ctx, given) {
    const args = { ...given, src: await expandHome(ctx, given.src) };
    const where = fetchDest(args, ctx.host);
    if ('error' in where) return failed(where.error, { file: args.src });
    const escape = await symlinkEscape(where.root, where.path);
    if (escape) return failed(escape, { file: args.src });
    if (args.flat && !args.dest.endsWith('/') && (await stat(where.path).catch(() => undefined))?.isDirectory()) {
      return failed('dest is an existing directory, use a trailing slash if you want to fetch src into that directory', { file: args.src });
    }
    const remote = await ctx.probe.stat(args.src, { follow: true, checksum: true });
    if (!remote.exists) return args.fail_on_missing ? failed(MISSING, { file: args.src }) : ok({ msg: MISSING, file: args.src });
    if (remote.type === 'directory') {
      const msg = 'remote file is a directory, fetch cannot work on directories';
      return args.fail_on_missing ? failed(msg, { file: args.src }) : ok({ msg: `${msg}, not transferring, ignored`, file: args.src });
    }
    const dest = where.path;
    const local = await digestFile(dest).catch(() => undefined);
    const unchanged = { changed: false, checksum: local?.sha1, dest, file: args.src, md5sum: local?.md5 };
    // An unreadable host file has no checksum; fetching it then fails with the host's reason.
    if (local && remote.checksum !== undefined && local.sha1 === remote.checksum) return ok(unchanged);
    let got;
    try {
      got = await ctx.apply.fetchFile(args.src, dest);
    } catch (e) {
      if (e instanceof UnreachableError) throw e;
      return failed(`Failed to fetch the file: ${(e as Error).message}`, { file: args.src, dest });
    }
    if (got === null) return args.fail_on_missing ? failed(MISSING, { file: args.src }) : ok({ msg: MISSING, file: args.src });
    const remoteChecksum = remote.checksum ?? got?.sha1;
    const keys = { checksum: got?.sha1 ?? remoteChecksum, dest, md5sum: got?.md5 ?? null, remote_checksum: remoteChecksum, remote_md5sum: null };
    if (got && args.validate_checksum && got.sha1 !== remoteChecksum) return failed('checksum mismatch', { ...keys, file: args.src });
    return changed(keys);
  },
});
