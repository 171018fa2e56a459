import user from '../../../modules/user';
import { parseAccountProbe } from '../../../modules/_lib/users/account';
import { planCreate, planModify, UserWish } from '../../../modules/_lib/users/user-plan';
import { fakeHost, runOn, sections } from './system-fake';

const groups = 'root:x:0:\nadm:x:4:syslog\nsudo:x:27:alice\nalice:x:1001:\napp:x:2000:';
const probeText = (passwd: string, shadow = '') =>
  sections({ bin_paths: '/usr/sbin', 'bin:useradd': '/usr/sbin/useradd', 'bin:usermod': '/usr/sbin/usermod', passwd, shadow, groups, home: 'yes' });
const state = (passwd: string, shadow = '') => parseAccountProbe(probeText(passwd, shadow), ['useradd', 'usermod']);
const wish = (w: Partial<UserWish>): UserWish => ({ name: 'alice', non_unique: false, append: false, update_password: 'always', create_home: true, move_home: false, system: false, force: false, remove: false, ...w });
const alice = 'alice:x:1001:1001:Alice:/home/alice:/bin/bash';

describe('user commands', () => {
  it('reads the hash from shadow when passwd holds a placeholder', () => {
    expect(state(alice, 'alice:$6$salt$hash:19000:0:99999:7:::').user).toEqual({ name: 'alice', password: '$6$salt$hash', uid: 1001, gid: 1001, comment: 'Alice', home: '/home/alice', shell: '/bin/bash' });
  });

  it('useradd -N when a group named like the user exists; missing groups fail first', () => {
    expect(planCreate(wish({ groups: ['adm', ' sudo,adm'], shell: '/bin/sh' }), state(''))).toEqual({ argv: ['useradd', '-N', '-G', 'adm,sudo', '-s', '/bin/sh', '-m', 'alice'] });
    expect(planCreate(wish({ group: 'nogroup' }), state(''))).toEqual({ error: 'Group nogroup does not exist' });
    expect(planCreate(wish({ name: 'bob', system: true, create_home: false }), state(''))).toEqual({ argv: ['useradd', '-M', '-r', 'bob'] });
  });

  it('usermod only for what differs: groups replaced or appended, primary group by gid', () => {
    const st = state(alice, 'alice:!:1::::::');
    expect(planModify(wish({ shell: '/bin/bash', comment: 'Alice', groups: ['sudo'] }), st)).toEqual({ none: true });
    expect(planModify(wish({ groups: ['adm'] }), st)).toEqual({ argv: ['usermod', '-G', 'adm', 'alice'] });
    expect(planModify(wish({ groups: ['adm'], append: true }), st)).toEqual({ argv: ['usermod', '-a', '-G', 'adm', 'alice'] });
    expect(planModify(wish({ groups: [] }), st)).toEqual({ argv: ['usermod', '-G', '', 'alice'] });
    expect(planModify(wish({ group: '2000' }), st)).toEqual({ argv: ['usermod', '-g', '2000', 'alice'] });
    expect(planModify(wish({ password: '$6$x$y' }), st)).toEqual({ argv: ['usermod', '-p', '$6$x$y', 'alice'] });
    expect(planModify(wish({ password: '$6$x$y', update_password: 'on_create' }), st)).toEqual({ none: true });
  });
});

describe('module user on a fake host', () => {
  it('check mode: reports a new user as Ansible does, runs only the probe', async () => {
    const host = fakeHost([[/getent passwd/, { stdout: probeText('') }]]);
    expect(await runOn(host, user, { name: 'alice' }, true)).toEqual({ changed: true });
    expect(host.commands).toHaveLength(1);
  });

  it('an unchanged user reports its account', async () => {
    const host = fakeHost([[/getent passwd/, { stdout: probeText(alice) }]]);
    expect(await runOn(host, user, { name: 'alice', shell: '/bin/bash' })).toEqual({
      changed: false, name: 'alice', state: 'present', append: false, move_home: false, uid: 1001, group: 1001, comment: 'Alice', home: '/home/alice', shell: '/bin/bash',
    });
  });

  it("names a missing useradd as Ansible's get_bin_path does", async () => {
    const host = fakeHost([[/getent passwd/, { stdout: sections({ bin_paths: '/bin', 'bin:useradd': '', 'bin:usermod': '', groups }) }]]);
    expect(await runOn(host, user, { name: 'alice' })).toMatchObject({ failed: true, msg: 'Failed to find required executable "useradd" in paths: /bin' });
  });
});
