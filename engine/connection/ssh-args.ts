import { shellSplit } from './shell-quote';

/** OpenSSH options in the order they were given; keys lower-cased as OpenSSH compares them. */
export type SshOptionList = Array<[key: string, value: string]>;

/** The short flags of ssh(1) that carry an option we apply. */
const FLAG_OPTIONS: Record<string, string> = {
  i: 'identityfile',
  p: 'port',
  l: 'user',
  J: 'proxyjump',
  F: 'configfile',
};

/** Flags of ssh(1) that take an argument we have no use for; the argument must still be skipped. */
const FLAGS_WITH_ARGUMENT = new Set('bBcDEeILmOQRSWw'.split(''));

/**
 * Reads the options that matter to us from ssh command-line arguments (ssh_args, ssh_common_args,
 * ssh_extra_args): `-o Key=Value`, `-oKey=Value`, `-o "Key Value"`, and -i -p -l -J -F.
 * Other flags (-C, -v, -4 …) are read and dropped.
 */
export function parseSshArgs(args: string | undefined): SshOptionList {
  if (!args || !args.trim()) return [];
  const words = shellSplit(args);
  const out: SshOptionList = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-') || word.length < 2) continue;
    const flag = word[1];
    const attached = word.slice(2);
    const takesArg = flag === 'o' || flag in FLAG_OPTIONS || FLAGS_WITH_ARGUMENT.has(flag);
    if (!takesArg) continue;
    const value = attached || words[++i];
    if (value === undefined) break;
    if (flag === 'o') {
      const option = parseOptionText(value);
      if (option) out.push(option);
    } else if (flag in FLAG_OPTIONS) {
      out.push([FLAG_OPTIONS[flag], value]);
    }
  }
  return out;
}

/** `Key=Value`, `Key Value` or `Key = "Value"` as written in ssh_config or after -o. */
export function parseOptionText(text: string): [string, string] | null {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(text);
  if (!m) return null;
  let value = m[2];
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return [m[1].toLowerCase(), value];
}
