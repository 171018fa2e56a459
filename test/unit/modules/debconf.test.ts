import debconf, { parseSelections } from '../../../modules/debconf';
import { runModule } from '../../../engine/module/run';
import { fakeHost, runOn, sections } from './system-fake';

const SHOWN = '* tzdata/Areas: Europe\n  tzdata/Zones/Europe: Paris\n  pkg/flag: false\n';
const host = (out = SHOWN, setRc = 0) =>
  fakeHost([
    [/^debconf-set-selections/, { rc: setRc, stderr: setRc ? 'error: bad' : '' }],
    [/debconf-show/, { stdout: sections({ bin_paths: '/usr/bin', 'bin:debconf-show': '/usr/bin/debconf-show', 'bin:debconf-set-selections': '/usr/bin/debconf-set-selections', out, rc: '0', err: '' }) }],
  ]);

describe('parseSelections', () => {
  it('reads questions without the seen mark, values trimmed', () => {
    expect(parseSelections(SHOWN)).toEqual({ 'tzdata/Areas': 'Europe', 'tzdata/Zones/Europe': 'Paris', 'pkg/flag': 'false' });
  });
});

describe('module debconf on a fake host', () => {
  it('without a question returns every answer', async () => {
    expect(await runOn(host(), debconf, { name: 'tzdata' })).toEqual({ changed: false, msg: '', current: parseSelections(SHOWN) });
  });

  it('sets a differing answer through debconf-set-selections on stdin; check mode runs nothing', async () => {
    const h = host();
    const args = { name: 'tzdata', question: 'tzdata/Areas', vtype: 'select', value: 'Asia', unseen: true };
    expect(await runOn(h, debconf, args)).toEqual({ changed: true, msg: '', current: { 'tzdata/Areas': 'Asia' }, previous: { 'tzdata/Areas': 'Europe' }, diff: {} });
    expect(h.commands[1]).toBe('debconf-set-selections -u');
    const checked = host();
    const result = await runModule(debconf, args, { connection: checked, check: true, diff: true });
    expect(result.diff).toEqual({ before: { 'tzdata/Areas': 'Europe' }, after: { 'tzdata/Areas': 'Asia' } });
    expect(checked.commands).toHaveLength(1);
  });

  it('compares booleans without case; a new question reports the other answers as before', async () => {
    expect(await runOn(host(), debconf, { name: 'pkg', question: 'pkg/flag', vtype: 'boolean', value: 'False' })).toMatchObject({ changed: false });
    expect(await runOn(host(), debconf, { name: 'pkg', question: 'pkg/new', vtype: 'string', value: 'x' }, true)).toMatchObject({
      changed: true,
      previous: { ...parseSelections(SHOWN), 'pkg/new': '' },
    });
  });

  it('fails as Ansible does', async () => {
    expect(await runOn(host(), debconf, { name: 'pkg', question: 'q' })).toMatchObject({ failed: true, msg: 'parameters are required together: question, vtype, value' });
    expect(await runOn(host(SHOWN, 1), debconf, { name: 'pkg', question: 'q', vtype: 'string', value: 'x' })).toMatchObject({ failed: true, msg: 'error: bad' });
  });
});
