import command from '../../../modules/command';
import { testModule } from './module-tester';

testModule(command, [
  {
    name: 'runs argv without a shell',
    args: { _raw_params: 'echo "a  b" $HOME' },
    checkChanged: false,
    expect: { changed: true, result: { cmd: ["echo", "a  b", "$HOME"], stdout: `a  b ${process.env.HOME}`, rc: 0, msg: "", stderr: "" } },
  },
  {
    name: 'non-zero exit fails',
    args: { argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] },
    checkChanged: false,
    expect: { failed: true, msg: 'non-zero return code', result: { rc: 3, stdout: 'out', stderr: 'err', changed: true } },
  },
  {
    name: 'creates skips when the path exists',
    args: { cmd: 'touch @T/x', creates: '@T/f*' },
    files: { f1: '' },
    expect: { changed: false, msg: "Did not run command since '@T/f*' exists", result: { stdout: 'skipped, since @T/f* exists', rc: 0 }, files: { x: null } },
  },
  {
    name: 'removes runs when the path exists',
    args: { cmd: 'rm @T/f', removes: '@T/f' },
    files: { f: '' },
    checkChanged: false,
    expect: { changed: true, files: { f: null } },
  },
  { name: 'chdir', args: { cmd: 'pwd', chdir: '@T' }, checkChanged: false, expect: { changed: true, result: { stdout: '@T' } } },
  {
    // sh's own echo knows no -e; /bin/echo, which Popen runs, does.
    name: 'runs the program file, not a shell builtin of the same name',
    args: { cmd: "echo -e 'a\\tb'" },
    checkChanged: false,
    expect: { changed: true, result: { stdout: 'a\tb', rc: 0 } },
  },
  {
    name: 'a shell builtin with no program file of that name is not there (errno 2)',
    args: { cmd: 'cd /' },
    checkChanged: false,
    expect: { failed: true, msg: "[Errno 2] No such file or directory: b'cd'" },
  },
  { name: 'stdin', args: { cmd: 'cat', stdin: 'hello' }, checkChanged: false, expect: { result: { stdout: 'hello' } } },
  {
    name: 'a program that is not there fails as Popen does (errno 2), with the words as run',
    args: { cmd: 'commandthatdoesnotexist --would-be-awkward $HOME' },
    checkChanged: false,
    expect: {
      failed: true,
      msg: "[Errno 2] No such file or directory: b'commandthatdoesnotexist'",
      result: { changed: false, rc: 2, stdout: '', stderr: '', cmd: `commandthatdoesnotexist --would-be-awkward ${process.env.HOME}` },
    },
  },
  {
    name: 'a relative program is looked for in chdir; one that is not executable fails with errno 13',
    args: { cmd: './f', chdir: '@T' },
    files: { f: 'not a program' },
    checkChanged: false,
    expect: { failed: true, msg: "[Errno 13] Permission denied: b'./f'", result: { rc: 13, cmd: './f' } },
  },
]);
