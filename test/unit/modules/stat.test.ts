import { homedir } from 'os';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import stat from '../../../modules/stat';
import { testModule } from './module-tester';

testModule(stat, [
  {
    name: 'a regular file',
    args: { path: '@T/f' },
    files: { f: { content: 'b\n', mode: 0o640 } },
    expect: {
      changed: false,
      result: {
        stat: {
          exists: true, path: '@T/f', mode: '0640', isreg: true, isdir: false, islnk: false, size: 2,
          checksum: '89e6c98d92887913cadf06b2adb97f26cde4849b', rusr: true, wusr: true, xusr: false, rgrp: true, roth: false, readable: true,
        },
      },
    },
  },
  { name: 'missing', args: { path: '@T/nope' }, expect: { result: { stat: { exists: false } } } },
  {
    name: 'a symlink, not followed',
    args: { path: '@T/l', get_checksum: false },
    files: { f: 'x', l: { link: 'f' } },
    expect: { result: { stat: { islnk: true, lnk_target: 'f', lnk_source: '@T/f' } } },
  },
  { name: 'a directory, followed', args: { path: '@T/d', follow: true }, files: { d: { dir: true } }, expect: { result: { stat: { isdir: true } } } },
  { name: 'md5 on request', args: { path: '@T/f', get_md5: true }, files: { f: 'b\n' }, expect: { result: { stat: { md5: '3b5d5c3712955042212316173ccf37be' } } } },
]);

it('stat expands a leading ~ (the become user) and ~name on the host, as Ansible does', async () => {
  const own = await runModule(stat, { path: '~' }, { connection: new LocalConnection() });
  expect(own).toMatchObject({ stat: { exists: true, path: homedir() } });
  const become = { method: 'sudo' as const, user: 'nobody' };
  const named = await runModule(stat, { path: '~root/' }, { connection: new LocalConnection(), become });
  expect(named).toMatchObject({ stat: { exists: true, path: '/root/' } });
  const odd = await runModule(stat, { path: '~no such user;x' }, { connection: new LocalConnection() });
  expect(odd).toMatchObject({ stat: { exists: false } });
});
