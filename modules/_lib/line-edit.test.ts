import { editLines, LineEditArgs, splitLines } from './line-edit';

const base: LineEditArgs = { state: 'present', firstmatch: false, backrefs: false };
const edit = (text: string, args: Partial<LineEditArgs>) => {
  const r = editLines(splitLines(text), { ...base, ...args });
  return { text: r.lines.join(''), msg: r.msg };
};

describe('editLines', () => {
  it('appends a missing line, adding the newline the file lacked', () => {
    expect(edit('a\nb', { line: 'c' })).toEqual({ text: 'a\nb\nc\n', msg: 'line added' });
  });
  it('leaves a present line', () => {
    expect(edit('a\nc\n', { line: 'c' })).toEqual({ text: 'a\nc\n', msg: '' });
  });
  it('replaces the last line matching regexp', () => {
    expect(edit('x=1\nx=2\n', { regexp: '^x=', line: 'x=3' })).toEqual({ text: 'x=1\nx=3\n', msg: 'line replaced' });
  });
  it('firstmatch replaces the first', () => {
    expect(edit('x=1\nx=2\n', { regexp: '^x=', line: 'x=3', firstmatch: true }).text).toBe('x=3\nx=2\n');
  });
  it('python $ matches before the newline', () => {
    expect(edit('port 22\n', { regexp: '^port 22$', line: 'port 2222' }).text).toBe('port 2222\n');
  });
  it('backrefs expands groups and does nothing when there is no match', () => {
    expect(edit('user=bob\n', { regexp: '^user=(?P<u>\\w+)', line: 'owner=\\g<u> \\1', backrefs: true }).text).toBe('owner=bob bob\n');
    expect(edit('a\n', { regexp: '^zzz', line: 'x', backrefs: true })).toEqual({ text: 'a\n', msg: '' });
  });
  it('search_string matches literally', () => {
    expect(edit('a.b\naxb\n', { search_string: 'a.b', line: 'y' }).text).toBe('y\naxb\n');
  });
  it('insertafter the last matching line, not twice', () => {
    expect(edit('[s]\nk=1\n[s]\n', { line: 'n=1', insertafter: '^\\[s\\]' }).text).toBe('[s]\nk=1\n[s]\nn=1\n');
    expect(edit('[s]\nn=1\nk\n', { line: 'n=1', insertafter: '^\\[s\\]' }).msg).toBe('');
  });
  it('insertbefore a regexp and BOF; EOF when the anchor is missing', () => {
    expect(edit('a\nb\n', { line: 'x', insertbefore: '^b' }).text).toBe('a\nx\nb\n');
    expect(edit('a\n', { line: 'x', insertbefore: 'BOF' }).text).toBe('x\na\n');
    expect(edit('a\n', { line: 'x', insertbefore: '^zz' }).text).toBe('a\nx\n');
  });
  it('absent removes every matching line and counts them', () => {
    const r = editLines(splitLines('a\nb\na\n'), { ...base, state: 'absent', line: 'a' });
    expect([r.lines.join(''), r.msg, r.found]).toEqual(['b\n', '2 line(s) removed', 2]);
  });
});
