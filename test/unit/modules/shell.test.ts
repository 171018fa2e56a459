import shell from '../../../modules/shell';
import { testModule } from './module-tester';

testModule(shell, [
  { name: 'pipes and redirections work', args: 'echo a b | wc -w > @T/out; cat @T/out', checkChanged: false, expect: { changed: true, result: { cmd: 'echo a b | wc -w > @T/out; cat @T/out', stdout: '2' } } },
  { name: 'failure keeps the output', args: { cmd: 'echo hi; exit 3' }, checkChanged: false, expect: { failed: true, msg: 'non-zero return code', result: { rc: 3, stdout: 'hi' } } },
  { name: 'executable', args: { cmd: 'echo $0', executable: '/bin/bash' }, checkChanged: false, expect: { result: { stdout: '/bin/bash' } } },
  {
    name: 'chdir through a symlink lands in the real directory, as os.chdir does',
    args: { cmd: 'echo "$PWD"', chdir: '@T/link/sub' },
    files: { 'real/sub': { dir: true }, link: { link: 'real' } },
    checkChanged: false,
    expect: { result: { stdout: expect.stringMatching(/\/real\/sub$/) } },
  },
  { name: 'strip_empty_ends: no keeps the newline', args: { cmd: 'echo x', strip_empty_ends: false }, checkChanged: false, expect: { result: { stdout: 'x\n' } } },
]);
