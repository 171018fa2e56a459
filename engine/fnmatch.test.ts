import { fnmatchRegExp } from './fnmatch';

/** Each case was checked with Python 3.11's fnmatch.fnmatchcase(name, pattern). */
describe('fnmatch, as Python matches shell-style wildcards', () => {
  test.each([
    ['web*', 'web01', true],
    ['web*', 'db01', false],
    ['web?', 'web1', true],
    ['web?', 'web10', false],
    ['web[0-9]', 'web5', true],
    ['web[!0-9]', 'web5', false],
    ['web[!0-9]', 'webx', true],
    ['[]]x', ']x', true],
    ['[!]]x', 'ax', true],
    ['[!]]x', ']x', false],
    ['web[', 'web[', true],
    ['a.b', 'axb', false],
    ['a(b)+', 'a(b)+', true],
    ['*.log', 'x\ny.log', true],
    ['[^a]', '^', true],
    ['[^a]', 'b', false],
    ['Web*', 'web1', false],
    ['1.2.*', '1.2.3-1', true],
  ])('%j against %j is %s', (pattern, name, expected) => {
    expect(fnmatchRegExp(pattern).test(name)).toBe(expected);
  });
});
