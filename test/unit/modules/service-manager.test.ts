import service from '../../../modules/service';
import { fakeHost, runOn, sections } from './system-fake';

const probe = (show: string, isEnabled: string) =>
  sections({ bin_paths: '/usr/bin', 'bin:systemctl': '/usr/bin/systemctl', show: `${show}\nrc=0`, is_enabled: isEnabled });

describe('module service', () => {
  it('uses systemd when the facts say so', async () => {
    const host = fakeHost([[/show/, { stdout: probe('LoadState=loaded\nActiveState=active', 'enabled\nrc=0') }]]);
    expect(await runOn(host, service, { name: 'a', state: 'started' }, false, { ansible_service_mgr: 'systemd' })).toMatchObject({ changed: false, state: 'started', status: { ActiveState: 'active' } });
  });

  it('falls back to init scripts when PID 1 is not systemd', async () => {
    const host = fakeHost([
      [/proc\/1\/comm/, { stdout: sections({ comm: 'init', run: '' }) }],
      [/init\.d/, { stdout: sections({ exists: 'yes', running: '', enabled: '', links: 'yes' }) }],
    ]);
    const result = await runOn(host, service, { name: 'cron', state: 'started', enabled: true });
    expect(result).toEqual({ changed: true, name: 'cron', state: 'started', enabled: true });
    expect(host.commands.slice(2)).toEqual(['update-rc.d cron enable', 'service cron start']);
  });
});
