import { readFileSync } from 'fs';

/** Name ↔ id tables from /etc/passwd and /etc/group, read once: stat results name owners without a process. */
interface IdTable {
  byId: Map<number, string>;
  byName: Map<string, number>;
}

function readTable(file: string): IdTable {
  const table: IdTable = { byId: new Map(), byName: new Map() };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return table;
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    const n = Number(id);
    if (!name || id === undefined || Number.isNaN(n)) continue;
    if (!table.byId.has(n)) table.byId.set(n, name);
    table.byName.set(name, n);
  }
  return table;
}

let users: IdTable | undefined;
let groups: IdTable | undefined;

export function userName(uid: number): string | undefined {
  users ??= readTable('/etc/passwd');
  return users.byId.get(uid);
}

export function groupName(gid: number): string | undefined {
  groups ??= readTable('/etc/group');
  return groups.byId.get(gid);
}

/** A uid from a user name or a numeric string; throws for unknown users, as chown would. */
export function userId(name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  users ??= readTable('/etc/passwd');
  const id = users.byName.get(name);
  if (id === undefined) throw new Error(`chown failed: failed to look up user ${name}`);
  return id;
}

export function groupId(name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  groups ??= readTable('/etc/group');
  const id = groups.byName.get(name);
  if (id === undefined) throw new Error(`chgrp failed: failed to look up group ${name}`);
  return id;
}
