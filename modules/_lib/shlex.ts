/** Python's shlex.split (POSIX mode, no comments): how the command module turns a line into argv. */
export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      [quote, inWord] = [c, true];
    } else if (c === '\\' && i + 1 < line.length) {
      [word, inWord] = [word + line[++i], true];
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      [word, inWord] = ['', false];
    } else {
      [word, inWord] = [word + c, true];
    }
  }
  if (quote) throw new Error('No closing quotation');
  if (inWord) words.push(word);
  return words;
}

/**
 * One argv word as a shell word that expands only what Python's expanduser(expandvars()) would:
 * a leading `~` or `~user`, and `$NAME` / `${NAME}` when set (unset ones stay as written). Everything
 * else reaches the command literally, as the command module (which runs without a shell) passes it.
 */
/** Variables sh sets for itself without exporting them: expandvars reads the environment, where they are not. */
const SHELL_ONLY = new Set(['IFS', 'PPID', 'OPTIND', 'OPTARG', 'PS1', 'PS2', 'PS4', 'LINENO']);

export function expandingWord(word: string): string {
  const tilde = /^~[A-Za-z0-9_.-]*(?:\/|$)/.exec(word)?.[0] ?? '';
  const rest = word.slice(tilde.length);
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const m = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/.exec(rest.slice(i));
    if (m && !SHELL_ONLY.has(m[1] ?? m[2])) {
      // An unset variable stays as written, as expandvars leaves it.
      out += m[1] ? `\${${m[1]}-\\$${m[1]}}` : `\${${m[2]}-\\\${${m[2]}\\}}`;
      i += m[0].length - 1;
    } else out += /["\\`$]/.test(rest[i]) ? `\\${rest[i]}` : rest[i];
  }
  // A quote right after `~user` would stop its expansion: a bare tilde word stays unquoted.
  return tilde && !out ? tilde : `${tilde}"${out}"`;
}
