import hostname from '../../../modules/hostname';
import { fakeHost, runOn, sections } from './system-fake';

const systemd = (current: string, permanent: string, fqdn = current) =>
  sections({ strategy: 'systemd', system: 'Linux', distribution: 'debian', 'bin:hostnamectl': '/usr/bin/hostnamectl', transient: current, transient_rc: '0', static: permanent, static_rc: '0', fqdn });

describe('module hostname on a fake host', () => {
  it('with systemd sets the static then the transient name; the facts come from the host after the change', async () => {
    const h = fakeHost([
      [/set-hostname/, { stdout: sections({ fqdn: 'web.example.com' }) }],
      [/hostnamectl --transient status/, { stdout: systemd('old', 'old') }],
    ]);
    expect(await runOn(h, hostname, { name: 'web.example.com' })).toEqual({
      changed: true,
      name: 'web.example.com',
      ansible_facts: { ansible_hostname: 'web', ansible_nodename: 'web.example.com', ansible_fqdn: 'web.example.com', ansible_domain: 'example.com' },
      diff: { before: 'hostname = old\n', after: 'hostname = web.example.com\n' },
    });
    expect(h.commands[1]).toMatch(/hostnamectl --pretty --static set-hostname web\.example\.com \|\| exit \$\?\nhostnamectl --transient set-hostname web\.example\.com/);
  });

  it('is idempotent, and check mode runs nothing after the probe', async () => {
    const same = fakeHost([[/status/, { stdout: systemd('web', 'web', 'web.lan') }]]);
    expect(await runOn(same, hostname, { name: 'web' })).toMatchObject({ changed: false, ansible_facts: { ansible_fqdn: 'web.lan', ansible_domain: 'lan' } });
    const differs = fakeHost([[/status/, { stdout: systemd('web', 'other') }]]);
    expect(await runOn(differs, hostname, { name: 'web' }, true)).toMatchObject({ changed: true, diff: { before: 'hostname = other\n' } });
    expect(differs.commands).toHaveLength(1);
  });

  it('the name reaches hostnamectl as one quoted word', async () => {
    const h = fakeHost([[/set-hostname/, { stdout: sections({ fqdn: 'x' }) }], [/status/, { stdout: systemd('a', 'a') }]]);
    await runOn(h, hostname, { name: "x'; touch /tmp/p; '" });
    expect(h.commands[1]).toContain(`set-hostname 'x'"'"'; touch /tmp/p; '"'"''`);
  });

  it('without systemd, a Debian host gets /etc/hostname written in place, the name as stdin', async () => {
    const h = fakeHost([[/cat > /, { stdout: sections({ fqdn: 'old' }) }], [/uname/, { stdout: sections({ strategy: 'platform', system: 'Linux', distribution: 'debian', file: 'old\n', fqdn: 'old' }) }]]);
    expect(await runOn(h, hostname, { name: 'new' })).toMatchObject({ changed: true, diff: { before: 'hostname = old\n' } });
    expect(h.commands[1]).toMatch(/^echo .*\ncat > \/etc\/hostname \|\| exit \$\?\n/);
  });

  it('fails as Ansible does: a long name, a failing hostnamectl, an unknown platform; refuses strategies it lacks', async () => {
    const long = 'a'.repeat(65);
    const h = fakeHost([[/status/, { stdout: systemd('a', 'a') }]]);
    expect(await runOn(h, hostname, { name: long })).toMatchObject({ failed: true, msg: 'name cannot be longer than 64 characters on systemd servers, try a shorter name' });
    expect(await runOn(h, hostname, { name: long }, true)).toMatchObject({ changed: true });
    const broken = fakeHost([[/status/, { stdout: sections({ strategy: 'systemd', 'bin:hostnamectl': '/usr/bin/hostnamectl', transient: '', transient_rc: '1', transient_err: 'no bus' }) }]]);
    expect(await runOn(broken, hostname, { name: 'a' })).toMatchObject({ failed: true, msg: 'Command failed rc=1, out=, err=no bus' });
    const other = fakeHost([[/uname/, { stdout: sections({ strategy: 'platform', system: 'Linux', distribution: 'nixos' }) }]]);
    expect(await runOn(other, hostname, { name: 'a' })).toMatchObject({ failed: true, msg: 'hostname module cannot be used on platform Linux (Nixos)' });
    const redhat = fakeHost([[/uname/, { stdout: sections({ strategy: 'redhat' }) }]]);
    expect(await runOn(redhat, hostname, { name: 'a', use: 'redhat' })).toMatchObject({ failed: true, msg: expect.stringContaining('does not support use=redhat') });
  });
});
