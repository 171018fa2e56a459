import { spawnSync } from 'child_process';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import pkg from '../../../modules/package';

const haveDpkg = spawnSync('sh', ['-c', 'command -v dpkg-query && command -v apt-cache'], { stdio: 'ignore' }).status === 0;
const itOnDebian = haveDpkg ? it : it.skip;

/** Check mode only: the local machine is the controller, whose packages a test must not touch. */
const check = (args: Record<string, unknown>, vars: Record<string, unknown> = {}) =>
  runModule(pkg, args, { connection: new LocalConnection('localhost'), check: true, vars });

describe('module package', () => {
  it('names the manager it has no module for, from `use` or the facts', async () => {
    expect(await check({ name: 'git', state: 'present', use: 'dnf' })).toMatchObject({ failed: true, msg: 'Could not find a module for dnf.' });
    expect(await check({ name: 'git', state: 'present' }, { ansible_pkg_mgr: 'yum' })).toMatchObject({ failed: true, msg: 'Could not find a module for yum.' });
    expect(await check({ name: 'git', state: 'present' }, { ansible_facts: { pkg_mgr: 'zypper' } })).toMatchObject({ failed: true, msg: 'Could not find a module for zypper.' });
  });

  it('requires name, as Ansible does', async () => {
    await expect(check({ state: 'present' })).rejects.toThrow(/name/);
  });

  itOnDebian('finds apt on a Debian host without facts and answers as apt does', async () => {
    expect(await check({ name: 'dpkg', state: 'present' })).toMatchObject({ changed: false, cache_updated: false });
    // Ansible's package hands the task to apt, whose state defaults to present (setup_cron's `package: name=cron`).
    expect(await check({ name: 'dpkg' })).toMatchObject({ changed: false, cache_updated: false });
    expect(await check({ name: 'no-such-package-tsible', state: 'present' })).toMatchObject({ failed: true, msg: "No package matching 'no-such-package-tsible' is available" });
    expect(await check({ name: 'no-such-package-tsible', state: 'absent' })).toEqual({ changed: false });
  }, 30_000);
});
