import { shlexSplit } from './shlex';

describe('shlexSplit', () => {
  it('splits like Python shlex.split', () => {
    expect(shlexSplit(`echo "a b" 'c d' e\\ f "x\\"y" ''`)).toEqual(['echo', 'a b', 'c d', 'e f', 'x"y', '']);
    expect(shlexSplit('  ls   -l  ')).toEqual(['ls', '-l']);
    expect(shlexSplit(`echo 'a\\b'`)).toEqual(['echo', 'a\\b']);
  });
  it('rejects an unclosed quote', () => {
    expect(() => shlexSplit(`echo "a`)).toThrow('No closing quotation');
  });
});
