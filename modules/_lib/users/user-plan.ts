import { AccountState, findGroup, GroupEntry } from './account';

/** The user module's arguments that decide useradd/usermod/userdel calls. */
export interface UserWish {
  name: string;
  uid?: number;
  non_unique: boolean;
  group?: string;
  groups?: string[];
  append: boolean;
  comment?: string;
  home?: string;
  shell?: string;
  password?: string;
  password_lock?: boolean;
  update_password: 'always' | 'on_create';
  create_home: boolean;
  move_home: boolean;
  skeleton?: string;
  system: boolean;
  force: boolean;
  remove: boolean;
}

/** A command as argv, or the message the task fails with before running anything. */
export type Planned = { argv: string[] } | { error: string } | { none: true };

/** The `groups` argument as Ansible reads it: joined with commas, split again, blanks dropped. */
export function wantedGroups(groups: string[]): string[] {
  return [...new Set(groups.join(',').split(',').map((g) => g.trim()).filter((g) => g !== ''))];
}

function missingGroup(groups: GroupEntry[], names: string[]): string | undefined {
  const missing = names.find((g) => !findGroup(groups, g));
  return missing === undefined ? undefined : `Group ${missing} does not exist`;
}

/** useradd for a user that does not exist yet. */
export function planCreate(w: UserWish, st: AccountState): Planned {
  const argv = ['useradd'];
  if (w.uid !== undefined) argv.push('-u', String(w.uid), ...(w.non_unique ? ['-o'] : []));
  if (w.group !== undefined) {
    if (!findGroup(st.groups, w.group)) return { error: `Group ${w.group} does not exist` };
    argv.push('-g', w.group);
  } else if (findGroup(st.groups, w.name)) {
    // A group named like the user exists already: useradd would fail trying to create it (USERGROUPS_ENAB).
    argv.push('-N');
  }
  const groups = w.groups ? wantedGroups(w.groups) : [];
  if (groups.length > 0) {
    const error = missingGroup(st.groups, groups);
    if (error) return { error };
    argv.push('-G', groups.join(','));
  }
  if (w.comment !== undefined) argv.push('-c', w.comment);
  if (w.home !== undefined) argv.push('-d', w.home);
  if (w.shell !== undefined) argv.push('-s', w.shell);
  if (w.password !== undefined) argv.push('-p', w.password_lock ? `!${w.password}` : w.password);
  if (w.create_home) {
    argv.push('-m');
    if (w.skeleton !== undefined) argv.push('-k', w.skeleton);
  } else {
    argv.push('-M');
  }
  if (w.system) argv.push('-r');
  argv.push(w.name);
  return { argv };
}

function groupsArgs(w: UserWish, st: AccountState): string[] | { error: string } {
  if (w.groups === undefined) return [];
  const wanted = wantedGroups(w.groups);
  const error = missingGroup(st.groups, wanted);
  if (error) return { error };
  // The primary group counts when the user is listed in it, as Ansible compares.
  const current = st.groups.filter((g) => g.members.includes(w.name)).map((g) => g.name);
  const names = wanted.map((g) => findGroup(st.groups, g)!.name);
  const differs = (a: string[], b: string[]) => a.some((x) => !b.includes(x));
  if (wanted.length === 0) return current.length > 0 && !w.append ? ['-G', ''] : [];
  if (w.append) return names.some((g) => !current.includes(g)) ? ['-a', '-G', wanted.join(',')] : [];
  return differs(names, current) || differs(current, names) ? ['-G', wanted.join(',')] : [];
}

/** usermod for an existing user, with only the options whose values differ; `none` when nothing does. */
export function planModify(w: UserWish, st: AccountState): Planned {
  const info = st.user!;
  let argv = ['usermod'];
  if (w.uid !== undefined && info.uid !== w.uid) argv.push('-u', String(w.uid), ...(w.non_unique ? ['-o'] : []));
  if (w.group !== undefined) {
    const g = findGroup(st.groups, w.group);
    if (!g) return { error: `Group ${w.group} does not exist` };
    if (g.gid !== info.gid) argv.push('-g', String(g.gid));
  }
  const groups = groupsArgs(w, st);
  if ('error' in groups) return groups;
  argv.push(...groups);
  if (w.comment !== undefined && info.comment !== w.comment) argv.push('-c', w.comment);
  if (w.home !== undefined && info.home !== w.home) argv.push('-d', w.home, ...(w.move_home ? ['-m'] : []));
  if (w.shell !== undefined && info.shell !== w.shell) argv.push('-s', w.shell);
  if (w.password_lock && !info.password.startsWith('!')) argv.push('-L');
  else if (w.password_lock === false && info.password.startsWith('!')) argv.push('-U');
  const strip = (p: string) => p.replace(/^!+/, '');
  if (w.update_password === 'always' && w.password !== undefined && strip(info.password) !== strip(w.password)) {
    argv = argv.filter((a) => a !== '-L' && a !== '-U');
    argv.push('-p', w.password_lock ? `!${w.password}` : w.password);
  }
  if (argv.length === 1) return { none: true };
  return { argv: [...argv, w.name] };
}

/** userdel for an existing user. */
export function planRemove(w: UserWish): string[] {
  return ['userdel', ...(w.force ? ['-f'] : []), ...(w.remove ? ['-r'] : []), w.name];
}

const HASH_LENGTHS: Record<string, number> = { '1': 22, '5': 43, '6': 86 };

/** Whether `password` looks like plain text rather than a crypt hash, by Ansible's checks (it then warns). */
export function looksUnhashed(password: string): boolean {
  if (['*', '!', '*************'].includes(password)) return false;
  if (/[:*!]/.test(password) || !password.includes('$')) return true;
  const fields = password.split('$');
  if (fields.length < 3) return true;
  const last = fields[fields.length - 1];
  const want = HASH_LENGTHS[fields[1]];
  return /[^a-zA-Z0-9./=]/.test(last) || (want !== undefined && last.length !== want);
}
