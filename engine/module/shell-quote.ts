/** Quotes one word for /bin/sh so it reaches the command unchanged. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** A command line from words, each quoted. */
export function shellJoin(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
