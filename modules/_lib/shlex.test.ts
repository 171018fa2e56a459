import { execSync } from 'child_process';
import { expandingWord, shlexSplit } from './shlex';

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

describe('expandingWord', () => {
  it('expands variables and a leading tilde, nothing else', () => {
    const run = (w: string) => execSync(`printf %s ${expandingWord(w)}`, { env: { HOME: '/home/x', V: 'v' }, encoding: 'utf8' });
    expect(run('$V-${V}')).toBe('v-v');
    expect(run('~/a')).toBe('/home/x/a');
    expect(run('a`b`"c\\d*$(e)')).toBe('a`b`"c\\d*$(e)');
    expect(run('a~')).toBe('a~');
    expect(run('~')).toBe('/home/x');
  });
  it('leaves unset variables as written, as os.path.expandvars does, and expands set-but-empty ones', () => {
    const run = (w: string) => execSync(`printf %s ${expandingWord(w)}`, { env: { HOME: '/home/x', E: '' }, encoding: 'utf8' });
    expect(run('$UNDEF ${UNDEF}x $E.${E}')).toBe('$UNDEF ${UNDEF}x .');
    expect(run('$1 $0 ${a b}')).toBe('$1 $0 ${a b}');
    expect(run('$IFS|${PPID}|$OPTIND')).toBe('$IFS|${PPID}|$OPTIND');
  });
});
