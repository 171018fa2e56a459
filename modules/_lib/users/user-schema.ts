import type { JSONSchemaType } from 'ajv';
import type { ModuleDocs } from '../../../engine/module/types';
import { optionalString } from '../schema-parts';
import type { UserWish } from './user-plan';

type Args = UserWish & { state: 'present' | 'absent' };

const optionalBool = { type: 'boolean', nullable: true } as const;

export const userSchema: JSONSchemaType<Args> = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
    uid: { type: 'integer', nullable: true },
    non_unique: { type: 'boolean', default: false },
    group: optionalString,
    groups: { type: 'array', items: { type: 'string' }, nullable: true },
    append: { type: 'boolean', default: false },
    comment: optionalString,
    home: optionalString,
    shell: optionalString,
    password: optionalString,
    password_lock: optionalBool,
    update_password: { type: 'string', enum: ['always', 'on_create'], default: 'always' },
    create_home: { type: 'boolean', default: true },
    move_home: { type: 'boolean', default: false },
    skeleton: optionalString,
    system: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    remove: { type: 'boolean', default: false },
  },
  required: ['name'],
  additionalProperties: false,
};

export const userDocs: ModuleDocs = {
  short: 'Manage user accounts',
  description: 'Creates, changes and removes local users with useradd, usermod and userdel. The account is read once (getent); only the values that differ are changed.',
  args: {
    name: 'The login name.',
    state: 'present or absent.',
    uid: 'The user id.',
    non_unique: 'Allow a uid another user has (with uid).',
    group: 'The primary group (name or gid); it must exist.',
    groups: 'Supplementary groups; they must exist. An empty list removes all (unless append).',
    append: 'Add the groups to the current ones instead of replacing them.',
    comment: 'The GECOS field.',
    home: 'The home directory.',
    shell: 'The login shell.',
    password: 'The password as a crypt hash (not plain text).',
    password_lock: 'Lock (true) or unlock (false) the password.',
    update_password: 'always changes a differing password; on_create sets it only for new users.',
    create_home: 'Create the home directory (from the skeleton) for new users, and when it is missing.',
    move_home: 'Move the old home directory when home changes.',
    skeleton: 'The skeleton directory for a new home.',
    system: 'Create a system account (only when the user is created).',
    force: 'With state absent: remove even when logged in.',
    remove: 'With state absent: also remove the home directory and mail spool.',
  },
  returns: { uid: 'The user id', group: 'The primary gid', comment: 'GECOS', home: 'Home directory', shell: 'Login shell', groups: 'The groups asked for, comma-joined' },
  examples: [
    { title: 'A user in extra groups', args: { name: 'deploy', shell: '/bin/bash', groups: ['sudo', 'adm'], append: true } },
    { title: 'Remove a user and their home', args: { name: 'olduser', state: 'absent', remove: true } },
  ],
};
