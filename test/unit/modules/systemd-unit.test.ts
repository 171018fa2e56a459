import systemd from '../../../modules/systemd';
import { parseShow, parseUnitProbe } from '../../../modules/_lib/service/unit-state';
import { planUnit } from '../../../modules/_lib/service/systemd-plan';
import { fakeHost, runOn, sections } from './system-fake';

const probe = (show: string, isEnabled: string, extra: Record<string, string> = {}) =>
  sections({ bin_paths: '/usr/bin', 'bin:systemctl': '/usr/bin/systemctl', show: `${show}\nrc=0`, is_enabled: isEnabled, ...extra });

describe('systemctl show parsing', () => {
  it('joins only Exec* values that span lines, and trims values', () => {
    const text = 'Id=a.service\nExecStart={ path=/bin/sleep ; argv[]=/bin/sleep\n infinity ; }\nDescription={ odd\nActiveState= active ';
    expect(parseShow(text)).toEqual({ Id: 'a.service', ExecStart: '{ path=/bin/sleep ; argv[]=/bin/sleep\n infinity ; }', Description: '{ odd', ActiveState: 'active' });
  });

  it('finds the unit, its enablement and mask from one probe', () => {
    expect(parseUnitProbe(probe('LoadState=loaded\nActiveState=active', 'enabled\nrc=0'), 'system')).toMatchObject({ found: true, enabled: true, masked: false });
    expect(parseUnitProbe(probe('LoadState=loaded', 'indirect\nrc=0'), 'system')).toMatchObject({ enabled: false });
    expect(parseUnitProbe(probe('LoadState=masked', 'masked\nrc=1'), 'system')).toMatchObject({ found: true, masked: true, enabled: false });
    expect(parseUnitProbe(probe('LoadState=not-found', 'rc=1'), 'system')).toMatchObject({ found: false });
    expect(parseUnitProbe(probe('LoadState=not-found', 'rc=1', { initd: 'yes', sysv_enabled: 'yes' }), 'system')).toMatchObject({ found: true, enabled: true });
  });

  it("names the missing systemctl as Ansible's get_bin_path does", () => {
    expect(parseUnitProbe(sections({ bin_paths: '/usr/bin:/sbin', 'bin:systemctl': '' }), 'system').missingBinary).toBe('Failed to find required executable "systemctl" in paths: /usr/bin:/sbin');
  });
});

describe('planning systemctl calls', () => {
  const unit = { status: { ActiveState: 'inactive' }, found: true, isInitd: false, isSystemd: true, masked: false, enabled: false };

  it('starts and enables only what differs; restarted always acts', () => {
    expect(planUnit({ name: 'a', state: 'started', enabled: true, scope: 'system' }, unit).steps.map((s) => s.verb)).toEqual(['enable', 'start']);
    expect(planUnit({ name: 'a', state: 'stopped', enabled: false, scope: 'system' }, unit).steps).toEqual([]);
    const running = { ...unit, status: { ActiveState: 'active' } };
    expect(planUnit({ name: 'a', state: 'restarted', scope: 'system' }, running)).toMatchObject({ state: 'started', steps: [{ verb: 'restart' }] });
    expect(planUnit({ name: 'a', state: 'reloaded', scope: 'system' }, unit)).toMatchObject({ state: 'started', steps: [{ verb: 'start' }] });
  });

  it('fails for an unknown unit after masking, as Ansible orders it', () => {
    const plan = planUnit({ name: 'nope', masked: true, enabled: true, scope: 'system' }, { ...unit, found: false });
    expect(plan.steps.map((s) => s.verb)).toEqual(['mask']);
    expect(plan.error).toEqual({ afterSteps: 1, msg: 'Could not find the requested service nope: host', status: undefined });
  });
});

describe('module systemd on a fake host', () => {
  it('probes once and, in check mode, runs nothing but reports the change', async () => {
    const host = fakeHost([[/show/, { stdout: probe('Id=a.service\nLoadState=loaded\nActiveState=inactive', 'disabled\nrc=1') }]]);
    const result = await runOn(host, systemd, { name: 'a.service', state: 'started', enabled: true }, true);
    expect(result).toEqual({ changed: true, name: 'a.service', state: 'started', enabled: true, status: { Id: 'a.service', LoadState: 'loaded', ActiveState: 'inactive' } });
    expect(host.commands).toHaveLength(1);
  });

  it("reports a load error and argument rules with Ansible's messages; a bare name reports the status", async () => {
    const host = fakeHost([[/show/, { stdout: probe('LoadState=loaded\nLoadError=org.freedesktop.bad "Bad unit"', 'rc=1') }]]);
    expect(await runOn(host, systemd, { name: 'a', state: 'started' })).toMatchObject({ failed: true, msg: `Error loading unit file 'a': org.freedesktop.bad "Bad unit"` });
    const fine = fakeHost([[/show/, { stdout: probe('LoadState=loaded', 'rc=1') }]]);
    expect(await runOn(fine, systemd, { name: 'a' })).toEqual({ changed: false, name: 'a', status: { LoadState: 'loaded' } });
    expect(await runOn(host, systemd, { state: 'started' })).toMatchObject({ failed: true, msg: "missing parameter(s) required by 'state': name" });
    expect(await runOn(host, systemd, { name: 'a*', state: 'started' })).toMatchObject({ failed: true, msg: "This module does not currently support using glob patterns, found '*' in service name: a*" });
  });
});
