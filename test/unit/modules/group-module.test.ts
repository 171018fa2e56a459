import group from '../../../modules/group';
import { fakeHost, runOn, sections } from './system-fake';

const groups = 'root:x:0:\nadm:x:4:syslog\napp:x:2000:';

describe('module group on a fake host', () => {
  const host = () => fakeHost([[/getent passwd/, { stdout: sections({ bin_paths: '/usr/sbin', 'bin:groupadd': '/usr/sbin/groupadd', 'bin:groupdel': '/usr/sbin/groupdel', groups }) }]]);

  it('changes a differing gid; check mode runs nothing', async () => {
    const h = host();
    expect(await runOn(h, group, { name: 'app', gid: 2001 }, true)).toEqual({ changed: true, name: 'app', state: 'present', system: false, gid: 2000 });
    expect(h.commands).toHaveLength(1);
    expect(await runOn(host(), group, { name: 'app', gid: 2000 })).toEqual({ changed: false, name: 'app', state: 'present', system: false, gid: 2000 });
  });

  it('a new group in check mode reports only the change', async () => {
    expect(await runOn(host(), group, { name: 'new', system: true }, true)).toEqual({ changed: true });
  });
});
