import { expandTemplate, pcreForPython, pyRegex } from './py-regex';

describe('pyRegex', () => {
  it('translates named groups, backreferences, anchors and leading inline flags', () => {
    expect(pyRegex('(?P<a>x)(?P=a)').test('xx')).toBe(true);
    expect(pyRegex('\\Aab\\Z').test('ab')).toBe(true);
    expect(pyRegex('\\Aab\\Z').test('ab\n')).toBe(false);
    expect(pyRegex('(?i)^port').test('PORT 22')).toBe(true);
    expect(pyRegex('(?im)^b', 'g').flags).toBe('gim');
  });
});

describe('expandTemplate', () => {
  it('expands numbered and named groups, escapes, and empties unmatched groups', () => {
    const m = /(?<k>\w+)=(\d)?/.exec('key=')!;
    expect(expandTemplate('\\g<k>:\\1:\\2:\\g<1>\\t|', m)).toBe('key:key::key\t|');
  });
});

describe('pcreForPython', () => {
  it("gives Python's $ and \\Z their meaning under grep -P, leaving classes and escapes alone", () => {
    expect(pcreForPython('OK$')).toBe('OK\\Z');
    expect(pcreForPython('a\\Z')).toBe('a\\z');
    expect(pcreForPython('[$]\\$[]$]x$')).toBe('[$]\\$[]$]x\\Z');
    expect(pcreForPython('[^]$]$')).toBe('[^]$]\\Z');
    expect(pcreForPython('(?m)^a$')).toBe('(?m)^a$');
    expect(pcreForPython('a\nb[\n]')).toBe('a\\nb[\\n]');
    expect(pcreForPython('(?x)a # why\nb[#\n]')).toBe('(?x)a  b[#\\n]');
  });
});
