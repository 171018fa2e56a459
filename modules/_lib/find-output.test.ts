import { FIND_STAT_FORMAT, parseFindOutput, startPoint } from './find-output';

const entry = (index: number, letter: string, path: string) => ['E', String(index), letter, path, '644', '0', '0', 'root', 'root', '3', '1.5', '2', '3', '9', '1', '1', '8', '512', '0', '0'].join('\0') + '\0';

describe('parseFindOutput', () => {
  it('reads NUL-ended entries, newlines in names included', () => {
    const out = parseFindOutput(entry(0, 'f', '/d/a\nf /etc/passwd\n644|0|0') + entry(0, 'd', '/d/s'), ['/d']);
    expect(out.entries.map((e) => [e.letter, e.stat.path, e.stat.isreg, e.stat.mode, e.stat.size])).toEqual([
      ['f', '/d/a\nf /etc/passwd\n644|0|0', true, '0644', 3],
      ['d', '/d/s', false, '0644', 3],
    ]);
    expect(FIND_STAT_FORMAT).toHaveLength(16);
  });

  it('gives a search path with a leading dash to find as ./-… and reports it as given', () => {
    expect(startPoint('-d')).toBe('./-d');
    expect(startPoint('/-d')).toBe('/-d');
    const out = parseFindOutput(entry(1, 'f', './-d/x') + 'S\x002\0N\x003\0', ['/a', '-d', '/locked', '/gone']);
    expect(out.entries.map((e) => e.stat.path)).toEqual(['-d/x']);
    expect(out.skipped).toEqual({ '/locked': 'not readable', '/gone': "'/gone' is not a directory" });
  });
});
