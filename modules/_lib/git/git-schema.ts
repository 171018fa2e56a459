import type { JSONSchemaType } from 'ajv';
import type { ModuleDocs } from '../../../engine/module/types';
import { optionalString } from '../schema-parts';
import type { GitArgs } from './commands';

export const gitSchema: JSONSchemaType<GitArgs> = {
  type: 'object',
  properties: {
    repo: { type: 'string' },
    dest: optionalString,
    version: { type: 'string', default: 'HEAD' },
    remote: { type: 'string', default: 'origin' },
    force: { type: 'boolean', default: false },
    depth: { type: 'integer', nullable: true },
    clone: { type: 'boolean', default: true },
    update: { type: 'boolean', default: true },
    bare: { type: 'boolean', default: false },
    single_branch: { type: 'boolean', default: false },
    refspec: optionalString,
    reference: optionalString,
    accept_hostkey: { type: 'boolean', default: false },
    accept_newhostkey: { type: 'boolean', default: false },
    key_file: optionalString,
    ssh_opts: optionalString,
    executable: optionalString,
  },
  required: ['repo'],
  additionalProperties: false,
};

export const gitDocs: ModuleDocs = {
  short: 'Deploy software (or files) from git checkouts',
  description: 'Clones a repository and keeps a checkout at a branch, tag or commit. In check mode the remote is asked (git ls-remote) and nothing on the host changes.',
  args: {
    repo: 'The repository: a URL (git://, ssh, https, file://) or a path on the host.',
    dest: 'Where the checkout lives; required unless clone is false.',
    version: 'A branch, tag, commit sha, or HEAD (the current branch, or the remote default when cloning).',
    remote: 'The name of the remote.',
    force: 'Discard local modifications of tracked files instead of failing.',
    depth: 'Make a shallow clone with this many commits (HEAD, branches and tags only).',
    clone: 'Clone when dest has no repository; when false, only report the remote revision.',
    update: 'Fetch and check out the version when dest has a repository; when false, only report it.',
    bare: 'Make a bare repository.',
    single_branch: 'Clone only the history of the version (or the remote HEAD).',
    refspec: 'An extra refspec to fetch.',
    reference: 'A reference repository for the clone (--reference).',
    accept_hostkey: 'Accept an unknown ssh host key (StrictHostKeyChecking=no).',
    accept_newhostkey: 'Accept new ssh host keys but not changed ones (StrictHostKeyChecking=accept-new).',
    key_file: 'The ssh private key to use, on the host.',
    ssh_opts: 'Extra ssh options for git over ssh.',
    executable: 'The git binary to use.',
  },
  returns: { before: 'The sha before (null when cloned)', after: 'The sha after', remote_url_changed: 'Whether the remote URL was changed' },
  examples: [
    { title: 'Check out a tag', args: { repo: 'https://example.com/app.git', dest: '/srv/app', version: 'v1.2.0' } },
    { title: 'Over ssh with a deploy key', args: { repo: 'git@example.com:org/app.git', dest: '/srv/app', key_file: '/etc/deploy/id_ed25519', accept_hostkey: true } },
  ],
};
