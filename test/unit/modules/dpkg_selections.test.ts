import dpkgSelections from '../../../modules/dpkg_selections';
import { fakeHost, runOn, sections } from './system-fake';

const host = (out: string) =>
  fakeHost([
    [/--set-selections/, {}],
    [/--get-selections/, { stdout: sections({ bin_paths: '/usr/bin', 'bin:dpkg': '/usr/bin/dpkg', out, rc: '0', err: '' }) }],
  ]);

describe('module dpkg_selections on a fake host', () => {
  it('sets a differing selection; check mode only predicts it', async () => {
    const h = host('hello\t\t\t\t\tinstall');
    expect(await runOn(h, dpkgSelections, { name: 'hello', selection: 'hold' })).toEqual({ changed: true, before: 'install', after: 'hold' });
    expect(h.commands[1]).toBe('dpkg --set-selections');
    const checked = host('hello\t\t\t\t\tinstall');
    expect(await runOn(checked, dpkgSelections, { name: 'hello', selection: 'hold' }, true)).toEqual({ changed: true, before: 'install', after: 'hold' });
    expect(checked.commands).toHaveLength(1);
  });

  it("is idempotent; a package dpkg does not know is 'not present'; the name reaches dpkg quoted", async () => {
    expect(await runOn(host('hello hold'), dpkgSelections, { name: 'hello', selection: 'hold' })).toEqual({ changed: false, before: 'hold', after: 'hold' });
    const h = host('');
    expect(await runOn(h, dpkgSelections, { name: 'a b', selection: 'purge' }, true)).toEqual({ changed: true, before: 'not present', after: 'purge' });
    expect(h.commands[0]).toContain("dpkg --get-selections 'a b'");
  });
});
