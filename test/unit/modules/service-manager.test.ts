import service from '../../../modules/service';
import { sysvAction, sysvNeedsAction, sysvRunning } from '../../../modules/_lib/service/sysv-status';
import { fakeHost, runOn, sections } from './system-fake';

const probe = (show: string, isEnabled: string) =>
  sections({ bin_paths: '/usr/bin', 'bin:systemctl': '/usr/bin/systemctl', show: `${show}\nrc=0`, is_enabled: isEnabled });

describe('module service', () => {
  it('uses systemd when the facts say so', async () => {
    const host = fakeHost([[/show/, { stdout: probe('LoadState=loaded\nActiveState=active', 'enabled\nrc=0') }]]);
    expect(await runOn(host, service, { name: 'a', state: 'started' }, false, { ansible_service_mgr: 'systemd' })).toMatchObject({ changed: false, state: 'started', status: { ActiveState: 'active' } });
  });

  it("uses init scripts when the service manager is sysvinit, reporting as Ansible's sysvinit module", async () => {
    const host = fakeHost([
      [/rc\?\.d/, { stdout: sections({ exists: 'yes', enabled: '', status: 'cron is not running\nrc=3' }) }],
    ]);
    const result = await runOn(host, service, { name: 'cron', state: 'started', enabled: true }, false, { ansible_facts: { service_mgr: 'sysvinit' } });
    expect(result).toEqual({
      changed: true, name: 'cron',
      status: { enabled: { changed: true, rc: 0, stdout: '', stderr: '' }, started: { changed: true, rc: 0, stdout: '', stderr: '' } },
    });
    expect(host.commands.slice(1)).toEqual(['update-rc.d cron defaults', '/etc/init.d/cron start ']);
  });

  it('passes arguments to the init script as words, as Ansible splits them, never as shell text', async () => {
    const host = fakeHost([[/rc\?\.d/, { stdout: sections({ exists: 'yes', enabled: '', status: 'cron is not running\nrc=3' }) }]]);
    await runOn(host, service, { name: 'cron', state: 'started', arguments: `--x "a b" ;touch /tmp/p $(id)` }, false, { ansible_facts: { service_mgr: 'sysvinit' } });
    expect(host.commands.slice(1)).toEqual([`/etc/init.d/cron start --x 'a b' ';touch' /tmp/p '$(id)'`]);
  });

  it("hands systemd's own options (daemon-reload…) to systemd as Ansible's service action does; sysvinit refuses them", async () => {
    const host = fakeHost([[/show/, { stdout: probe('LoadState=loaded\nActiveState=active', 'enabled\nrc=0') }]]);
    expect(await runOn(host, service, { name: 'cron', state: 'restarted', 'daemon-reload': true }, false, { ansible_service_mgr: 'systemd' })).toMatchObject({ changed: true, state: 'started' });
    expect(host.commands.some((c) => c.includes('daemon-reload'))).toBe(true);
    expect(await runOn(fakeHost([]), service, { name: 'cron', state: 'started', daemon_reload: true, use: 'sysvinit' })).toMatchObject({
      failed: true,
      msg: 'Unsupported parameters for (sysvinit) module: daemon_reload. Supported parameters include: arguments, daemonize, enabled, name, pattern, runlevels, sleep, state (args, service).',
    });
  });

  it('a missing init script fails as Ansible says it', async () => {
    const host = fakeHost([[/init\.d/, { stdout: sections({ exists: '' }) }]]);
    expect(await runOn(host, service, { name: 'nope', state: 'stopped', use: 'sysvinit' })).toMatchObject({ failed: true, msg: 'Could not find the requested service nope: ' });
  });
});

describe('init script status', () => {
  it.each([
    ['one line saying it runs', 0, 'ssh is running.\n', true],
    ['one line saying it is stopped, whatever the code', 0, 'ssh is stopped\n', false],
    ['"not running" is not running', 3, 'ssh is not running\n', false],
    ['LSB code 3 without words', 3, '', false],
    ['many lines, code 0', 0, 'a\nb\nc\n', true],
    ['an unknown code', 9, 'a\nb\nc\n', undefined],
  ])('%s', (_title, rc, out, want) => {
    expect(sysvRunning('ssh', rc as number, out as string)).toBe(want);
  });

  it('restart and reload always act; start and stop only when needed', () => {
    expect([sysvNeedsAction('restart', true), sysvNeedsAction('reload', false), sysvNeedsAction('reload', true)]).toEqual([true, true, true]);
    expect([sysvNeedsAction('start', true), sysvNeedsAction('start', false), sysvNeedsAction('stop', false), sysvNeedsAction('stop', true)]).toEqual([false, true, false, true]);
    expect(sysvAction('stopped')).toBe('stop');
  });
});
