/**
 * POSIX shell-like word splitting with `#` comments, as an INI inventory splits a host line:
 * quotes group words and are removed, a backslash escapes the next character outside single quotes,
 * and `#` at any point outside quotes ends the line.
 */
export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (' \t\r\n'.includes(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === '#') {
      break;
    } else if (c === "'" || c === '"') {
      const [text, next] = quoted(line, i);
      word = (word ?? '') + text;
      i = next;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new ShlexError('No escaped character');
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

export class ShlexError extends Error {}

/** The text of the quoted part starting at `start`, and the index just after its closing quote. */
function quoted(line: string, start: number): [string, number] {
  const q = line[start];
  let out = '';
  let i = start + 1;
  while (i < line.length && line[i] !== q) {
    // Inside double quotes a backslash escapes only a quote or a backslash; elsewhere it is kept.
    if (q === '"' && line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
    out += line[i];
    i++;
  }
  if (i >= line.length) throw new ShlexError('No closing quotation');
  return [out, i + 1];
}
