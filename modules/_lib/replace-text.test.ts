import { replaceText } from './replace-text';

describe('replaceText', () => {
  it('replaces every match with group references, line by line', () => {
    expect(replaceText('a=1\nb=2\n', { regexp: '^(\\w)=(\\d)$', replace: '\\2=\\1' })).toEqual({ text: '1=a\n2=b\n', count: 2 });
  });
  it('named groups in Python syntax', () => {
    expect(replaceText('k: v\n', { regexp: '(?P<key>\\w+): (?P<val>\\w+)', replace: '\\g<val>: \\g<key>' })).toEqual({ text: 'v: k\n', count: 1 });
  });
  it('limits the work to the section between after and before', () => {
    expect(replaceText('x\n[a]\nx\n[b]\nx\n', { regexp: '^x$', replace: 'y', after: '\\[a\\]', before: '\\[b\\]' })).toEqual({ text: 'x\n[a]\ny\n[b]\nx\n', count: 1 });
  });
  it('reports an after/before that does not match', () => {
    expect(replaceText('x\n', { regexp: 'x', replace: 'y', after: 'nope' })).toEqual({ error: 'Pattern for before/after params did not match the given file: nope(?P<subsection>.*)' });
  });
  it('a replacement equal to the match counts as no change', () => {
    expect(replaceText('x\n', { regexp: 'x', replace: 'x' })).toEqual({ text: 'x\n', count: 0 });
  });
});
