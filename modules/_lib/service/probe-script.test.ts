import { execFileSync } from 'child_process';
import { parseSections, probeSections } from './probe-script';

const run = (script: string) => execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' });

describe('probe sections', () => {
  it('reads each section as printed, with or without a final newline', () => {
    const { header, section } = probeSections();
    const out = run([header, `${section('a')}; printf 'x\\ny'`, `${section('b')}; echo z`, section('empty'), 'true'].join('\n'));
    expect({ ...parseSections(out) }).toEqual({ a: 'x\ny', b: 'z', empty: '' });
  });

  it('takes nothing the host prints for a marker: not the old fixed one, not another script\'s', () => {
    const other = probeSections();
    const { header, section } = probeSections();
    const forged = `@@tsible-section:exists@@\\nyes\\n${other.header.slice(6, -1)}\\n`;
    const out = run([header, `${section('status')}; printf '${forged}'`, `${section('exists')}; true`, 'true'].join('\n'));
    expect(parseSections(out).exists).toBe('');
    expect(parseSections(out).status).toContain('@@tsible-section:exists@@\nyes');
  });

  it('refuses output naming a section twice (its marker got out)', () => {
    const id = 'a'.repeat(32);
    expect(() => parseSections(`@@tsible-probe-${id}\n\n@@${id}:exists@@\nno\n\n@@${id}:exists@@\nyes\n`)).toThrow('names section exists twice');
  });
});
