import * as path from 'path';

/** How Ansible types a setting; decides coercion and how relative paths are resolved. */
export type SettingType = 'bool' | 'int' | 'str' | 'list' | 'path' | 'pathspec' | 'pathlist';

/** What relative paths and `~` resolve against while coercing one value. */
export interface PathContext {
  /** The cfg file's directory for values from the file, the working directory for the rest. */
  baseDir: string;
  home: string;
  env: NodeJS.ProcessEnv;
}

/** A value Ansible would refuse (or, for booleans, silently read as false): says what was expected. */
export class CoercionError extends Error {}

const TRUE_WORDS = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE_WORDS = new Set(['n', 'no', 'off', '0', 'false', 'f', '']);
const INT_RE = /^[+-]?\d+(_\d+)*$/;

export function coerce(raw: string, type: SettingType, ctx: PathContext): unknown {
  switch (type) {
    case 'bool':
      return toBool(raw);
    case 'int':
      return toInt(raw);
    case 'str':
      return unquote(raw);
    case 'list':
      // Ansible keeps an empty entry (`a,,b`), which only ever fails to name anything; it is dropped here.
      return raw.split(',').map((x) => unquote(x.trim())).filter(Boolean);
    case 'path':
      return resolvePath(raw, ctx);
    case 'pathspec':
      return raw.split(':').map((p) => resolvePath(p, ctx));
    case 'pathlist':
      return raw.split(',').map((p) => resolvePath(p.trim(), ctx));
  }
}

/**
 * Ansible reads any word outside its true-list as false when loading config; tsible refuses it instead,
 * because `become = maybe` silently meaning "no" is never what the author wanted.
 */
export function toBool(raw: string): boolean {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new CoercionError(`'${raw}' is not a boolean; expected one of yes/no, true/false, on/off, 1/0`);
}

/** Python's int(): surrounding spaces, a sign and digit-group underscores are fine. */
export function toInt(raw: string): number {
  const text = raw.trim();
  if (!INT_RE.test(text)) throw new CoercionError(`'${raw}' is not an integer`);
  return Number(text.replace(/_/g, ''));
}

/** Drops one pair of matching outer quotes (the closing one not backslash-escaped), as Ansible does. */
export function unquote(text: string): string {
  const quoted =
    text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0]) && text.at(-2) !== '\\';
  return quoted ? text.slice(1, -1) : text;
}

/** `$VAR`/`${VAR}` then `~` expanded, made absolute against the base directory, normalised; symlinks kept. */
export function resolvePath(raw: string, ctx: PathContext): string {
  const expanded = expandHome(expandVars(raw, ctx.env), ctx.home);
  return path.resolve(ctx.baseDir, expanded);
}

/** Unknown variables stay as written, like Python's os.path.expandvars. */
function expandVars(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, bare?: string, braced?: string) => {
    const value = env[bare ?? braced ?? ''];
    return value === undefined ? whole : value;
  });
}

function expandHome(text: string, home: string): string {
  if (text === '~') return home;
  return text.startsWith('~/') ? home + text.slice(1) : text;
}
