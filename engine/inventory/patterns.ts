import { existsSync, readFileSync, statSync } from 'fs';
import { resolve } from 'path';
import { TsibleError } from '../errors';
import { fnmatchRegExp } from '../fnmatch';
import { parseAddress } from './host-ranges';
import { LOCALHOST_NAMES } from './localhost';
import { Group, Host } from './types';

/**
 * Host patterns: `all`, names, globs, `~regex`, `a:b` / `a,b` unions, `&` intersections, `!`
 * exclusions and `[i]` / `[i:j]` subscripts. Unions are taken first, then intersections, then
 * exclusions, whatever order they were written in.
 */

/** What a pattern is evaluated against: the inventory's hosts and groups. */
export interface PatternScope {
  hosts: Map<string, Host>;
  groups: Map<string, Group>;
  /** The hosts of a group and of the groups below it, in inventory order. */
  groupHosts(group: string): Host[];
  /** The implicit localhost for `localhost`-like names not in the inventory. */
  implicitHost(name: string): Host | undefined;
  warn(message: string): void;
}

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/;

/** Split `a:b,c` into single patterns. A colon only separates when the whole is not one address (`::1`, `h[1:3]`). */
export function splitHostPattern(pattern: string | string[]): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap(splitHostPattern);
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (parseAddress(pattern)) parts = [pattern];
  else parts = pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Hosts matching the patterns, in inventory order without duplicates. */
export function matchHosts(patterns: string[], scope: PatternScope): Host[] {
  const ordered = orderPatterns(patterns);
  let hosts: Host[] = [];
  for (const p of ordered) {
    const direct = scope.hosts.get(p);
    if (direct) {
      hosts.push(direct);
      continue;
    }
    const matched = matchOne(p.replace(/^[&!]/, ''), scope);
    if (p[0] === '!') {
      const drop = new Set(matched);
      hosts = hosts.filter((h) => !drop.has(h));
    } else if (p[0] === '&') {
      const keep = new Set(matched);
      hosts = hosts.filter((h) => keep.has(h));
    } else {
      hosts.push(...matched);
    }
  }
  return [...new Set(hosts)];
}

/** Unions first, then `&` intersections, then `!` exclusions; only modifiers means "all" first. */
function orderPatterns(patterns: string[]): string[] {
  const plain = patterns.filter((p) => p && p[0] !== '&' && p[0] !== '!');
  const and = patterns.filter((p) => p[0] === '&');
  const not = patterns.filter((p) => p[0] === '!');
  return [...(plain.length ? plain : ['all']), ...and, ...not];
}

function matchOne(pattern: string, scope: PatternScope): Host[] {
  const { expr, subscript } = splitSubscript(pattern, scope);
  const hosts = enumerate(expr, scope);
  if (!subscript || !hosts.length) return hosts;
  const [start, end] = subscript;
  const at = (i: number) => (i < 0 ? hosts.length + i : i);
  if (end === undefined || end === 0) {
    const host = hosts[at(start)];
    if (!host) throw new TsibleError(`No hosts matched the subscripted pattern '${pattern}'`);
    return [host];
  }
  return hosts.slice(at(start), (end === -1 ? hosts.length - 1 : end) + 1);
}

function splitSubscript(pattern: string, scope: PatternScope): { expr: string; subscript?: [number, number?] } {
  if (pattern[0] === '~') return { expr: pattern };
  const m = SUBSCRIPT.exec(pattern);
  if (!m) return { expr: pattern };
  if (m[2] !== undefined) return { expr: m[1], subscript: [Number(m[2])] };
  if (m[4] === '-') scope.warn('Use [x:y] inclusive subscripts instead of [x-y] which has been removed');
  return { expr: m[1], subscript: [Number(m[3]), m[5] ? Number(m[5]) : -1] };
}

/** Groups whose name matches contribute all their hosts; hosts are matched by name when no group was, or for globs and regexes. */
function enumerate(pattern: string, scope: PatternScope): Host[] {
  const re = patternRegExp(pattern);
  const groups = [...scope.groups.keys()].filter((g) => re.test(g));
  const results = groups.flatMap((g) => scope.groupHosts(g));
  if (!groups.length || pattern[0] === '~' || /[.?*[]/.test(pattern)) {
    for (const [name, host] of scope.hosts) if (re.test(name)) results.push(host);
  }
  if (!results.length && LOCALHOST_NAMES.includes(pattern)) {
    const implicit = scope.implicitHost(pattern);
    if (implicit) results.push(implicit);
  }
  if (!results.length && !groups.length && pattern !== 'all') scope.warn(`Could not match supplied host pattern, ignoring: ${pattern}`);
  return results;
}

function patternRegExp(pattern: string): RegExp {
  try {
    return pattern[0] === '~' ? pythonRegExp(pattern.slice(1)) : fnmatchRegExp(pattern);
  } catch {
    throw new TsibleError(`Invalid host list pattern: ${pattern}`);
  }
}

/**
 * A Python regex as re.match uses it: anchored at the start only. Python spells named groups
 * (?P<name>…), string anchors \A and \Z, and flags as a leading (?i) group.
 */
function pythonRegExp(source: string): RegExp {
  const flags = /^\(\?([aiLmsux]+)\)/.exec(source);
  const body = (flags ? source.slice(flags[0].length) : source)
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\Z/g, '$1$(?![\\s\\S])');
  const jsFlags = [...(flags?.[1] ?? '')].filter((f) => 'ims'.includes(f)).join('');
  return new RegExp(`^(?:${body})`, jsFlags);
}

/**
 * `--limit` as patterns: split like any pattern, with `@file` read as one pattern per line. Relative
 * files are found from `cwd`.
 */
export function parseLimit(limit: string | string[], cwd: string): string[] {
  const out: string[] = [];
  for (const part of splitHostPattern(limit)) {
    if (part[0] !== '@') {
      out.push(part);
      continue;
    }
    const file = resolve(cwd, part.slice(1));
    if (!existsSync(file)) throw new TsibleError(`Unable to find limit file ${file}`);
    if (!statSync(file).isFile()) throw new TsibleError(`Limit starting with "@" must be a file, not a directory: ${file}`);
    out.push(...readFileSync(file, 'utf8').split('\n').map((l) => l.trim()));
  }
  return out;
}
