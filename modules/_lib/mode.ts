/**
 * File modes as Ansible's file-like modules accept them: an int is used as is (YAML `0644` is already
 * 420 = 0o644, while `644` is the decimal 644 = 0o1204, exactly as Ansible does), a string of octal
 * digits is octal (`'644'`, `'0644'`), anything else is chmod's symbolic form (`u=rw,g=r,o=r`, `a+X`).
 */

const WHO_BITS: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };
const PERM_BITS: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };

export class ModeError extends Error {}

function clauseBits(who: string, perms: string, current: number, isDir: boolean): number {
  let bits = 0;
  for (const p of perms) {
    if (p === 'X') {
      if (isDir || current & 0o111) bits |= PERM_BITS.x;
    } else if (p in PERM_BITS) bits |= PERM_BITS[p];
    else if (p === 'u') bits |= ((current >> 6) & 7) * 0o111;
    else if (p === 'g') bits |= ((current >> 3) & 7) * 0o111;
    else if (p === 'o') bits |= (current & 7) * 0o111;
    else throw new ModeError(`bad symbolic permission for mode: ${who}${perms}`);
  }
  let mask = 0;
  for (const w of who) mask |= WHO_BITS[w];
  return bits & mask;
}

function applyClause(clause: string, current: number, isDir: boolean): number {
  const m = /^([ugoa]*)([-+=])([rwxXstugo]*)$/.exec(clause);
  if (!m) throw new ModeError(`mode must be in octal or symbolic form; got ${JSON.stringify(clause)}`);
  const who = (m[1] || 'a').replace(/a/g, 'ugo');
  const bits = clauseBits(who, m[3], current, isDir);
  let mask = 0;
  for (const w of who) mask |= WHO_BITS[w];
  if (m[2] === '+') return current | bits;
  if (m[2] === '-') return current & ~bits;
  return (current & ~mask) | bits;
}

/** The mode a file should end with, given what it has now (`current`, permission bits) and what was asked. */
export function resolveMode(mode: string | number, current: number, isDir: boolean): number {
  if (typeof mode === 'number') return mode & 0o7777;
  const text = mode.trim();
  if (/^[0-7]+$/.test(text)) return parseInt(text, 8) & 0o7777;
  return text.split(',').reduce((acc, clause) => applyClause(clause.trim(), acc, isDir), current & 0o7777);
}

/** True when `mode` does not depend on the current mode (so a new file can be created with it directly). */
export function isAbsoluteMode(mode: string | number): boolean {
  return typeof mode === 'number' || /^[0-7]+$/.test(mode.trim());
}

/** How Ansible prints a mode in results: four octal digits at least, with a leading zero (`0644`, `01777`). */
export function formatMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
