import type { Flag } from './option-flags';

/** Second spellings Ansible accepts for some long options; commander knows one long name per option. */
const ALIASES: Record<string, string> = {
  '--key-file': '--private-key',
  '--inventory-file': '--inventory',
  '--ask-vault-pass': '--ask-vault-password',
  '--vault-pass-file': '--vault-password-file',
  '--conn-pass-file': '--connection-password-file',
  '--become-pass-file': '--become-password-file',
};

/**
 * Rewrites long options the way argparse accepts them into the one spelling commander knows: Ansible's
 * aliases (`--key-file`) and unambiguous prefixes (`--syntax` for `--syntax-check`, `--fo=3`). Values of
 * options and everything after `--` are left alone. An ambiguous prefix is refused through `fail`.
 */
export function expandLongOptions(args: string[], flags: Flag[], fail: (message: string) => Error): string[] {
  const names = ['--help', ...flags.flatMap(longNames)];
  const takesValue = new Set(flags.filter((f) => f.kind !== 'flag' && f.kind !== 'count').flatMap(namesOf));
  const out: string[] = [];
  let valueNext = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return [...out, ...args.slice(i)];
    if (valueNext || !arg.startsWith('--')) {
      out.push(arg);
      valueNext = !valueNext && takesValue.has(arg);
      continue;
    }
    const [name, ...value] = arg.split('=');
    const full = canonical(resolvePrefix(name, arg, names, fail));
    valueNext = takesValue.has(full) && value.length === 0;
    out.push([full, ...value].join('='));
  }
  return out;
}

function resolvePrefix(name: string, arg: string, names: string[], fail: (message: string) => Error): string {
  if (names.includes(name)) return name;
  const matches = names.filter((n) => n.startsWith(name));
  const targets = new Set(matches.map(canonical));
  if (targets.size > 1) throw fail(`ambiguous option: ${arg} could match ${matches.join(', ')}`);
  return matches.length ? matches[0] : name;
}

function canonical(name: string): string {
  return ALIASES[name] ?? name;
}

/** A flag's long name followed by its aliases: the order argparse names them in. */
function longNames(flag: Flag): string[] {
  const long = namesOf(flag).find((n) => n.startsWith('--'));
  if (long === undefined) return [];
  return [long, ...Object.keys(ALIASES).filter((alias) => ALIASES[alias] === long)];
}

/** Both spellings of a flag, so a short option's value is skipped too (`-e --foo=1` keeps `--foo=1`). */
function namesOf(flag: Flag): string[] {
  return flag.flags.split(/[ ,]+/).filter((part) => part.startsWith('-'));
}
