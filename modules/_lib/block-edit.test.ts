import { BlockEditArgs, editBlock } from './block-edit';

const base: BlockEditArgs = { state: 'present', block: 'x=1', marker: '# {mark} ANSIBLE MANAGED BLOCK', marker_begin: 'BEGIN', marker_end: 'END' };
const M = (b: string) => `# BEGIN ANSIBLE MANAGED BLOCK\n${b}# END ANSIBLE MANAGED BLOCK\n`;

describe('editBlock', () => {
  it('appends at EOF, fixing a missing final newline', () => {
    expect(editBlock('a', base)).toBe(`a\n${M('x=1\n')}`);
  });
  it('replaces the block between markers', () => {
    expect(editBlock(`a\n${M('old\n')}z\n`, base)).toBe(`a\n${M('x=1\n')}z\n`);
  });
  it('is stable', () => {
    const once = editBlock('a\n', base);
    expect(editBlock(once, base)).toBe(once);
  });
  it('removes the block with state=absent or an empty block', () => {
    expect(editBlock(`a\n${M('old\n')}`, { ...base, state: 'absent' })).toBe('a\n');
    expect(editBlock(`a\n${M('old\n')}`, { ...base, block: '' })).toBe('a\n');
  });
  it('inserts after the last line matching insertafter, before insertbefore, or at BOF', () => {
    expect(editBlock('s\nk\ns\nk\n', { ...base, insertafter: '^s' })).toBe(`s\nk\ns\n${M('x=1\n')}k\n`);
    expect(editBlock('a\nb\n', { ...base, insertbefore: '^b' })).toBe(`a\n${M('x=1\n')}b\n`);
    expect(editBlock('a\n', { ...base, insertbefore: 'BOF' })).toBe(`${M('x=1\n')}a\n`);
  });
  it('with a (?m) regexp, inserts at the first match in the whole text, which may span lines', () => {
    expect(editBlock('a\nb\nc\na\nb\n', { ...base, insertafter: '(?m)a\\nb' })).toBe(`a\nb\n${M('x=1\n')}c\na\nb\n`);
    expect(editBlock('z\na\nb\n', { ...base, insertbefore: '(?m)^a\\nb' })).toBe(`z\n${M('x=1\n')}a\nb\n`);
    expect(editBlock('a\nb\n', { ...base, insertafter: 'a\\nb' })).toBe(`a\nb\n${M('x=1\n')}`);
  });
});
