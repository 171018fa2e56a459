import lineinfile from '../../../modules/lineinfile';
import { testModule } from './module-tester';

testModule(lineinfile, [
  { name: 'adds a line', args: { path: '@T/f', line: 'b' }, files: { f: 'a\n' }, expect: { changed: true, msg: 'line added', result: { backup: '' }, files: { f: 'a\nb\n' } } },
  { name: 'line already there', args: { path: '@T/f', line: 'a' }, files: { f: 'a\n' }, expect: { changed: false, msg: '' } },
  {
    name: 'replaces by regexp (dest alias)',
    args: { dest: '@T/f', regexp: '^port', line: 'port 2222' },
    files: { f: 'x\nport 22\n' },
    expect: { changed: true, msg: 'line replaced', files: { f: 'x\nport 2222\n' } },
  },
  {
    name: 'missing file fails without create',
    args: { path: '@T/nofile', line: 'x' },
    expect: { failed: true, msg: 'Destination @T/nofile does not exist !', result: { rc: 257 } },
  },
  {
    name: 'create makes the file and its directory with mode',
    args: { path: '@T/d/new', line: 'x', create: 'yes', mode: '0600' },
    expect: { changed: true, files: { 'd/new': { content: 'x\n', mode: 0o600 } } },
  },
  {
    name: 'absent removes lines and reports found',
    args: { path: '@T/f', regexp: '^#', state: 'absent' },
    files: { f: '#a\nb\n#c\n' },
    expect: { changed: true, msg: '2 line(s) removed', result: { found: 2 }, files: { f: 'b\n' } },
  },
  {
    name: 'only the mode changes',
    args: { path: '@T/f', line: 'a', mode: '0600' },
    files: { f: { content: 'a\n', mode: 0o644 } },
    expect: { changed: true, msg: 'ownership, perms or SE linux context changed', files: { f: { mode: 0o600 } } },
  },
  {
    name: 'diff shows content before and after',
    args: { path: '@T/f', line: 'b' },
    files: { f: 'a\n' },
    diff: true,
    expect: { result: { diff: [{ before: 'a\n', after: 'a\nb\n', before_header: '@T/f (content)', after_header: '@T/f (content)' }, { before_header: '@T/f (file attributes)', after_header: '@T/f (file attributes)' }] } },
  },
  {
    name: 'validate failure leaves the file',
    args: { path: '@T/f', line: 'bad', validate: 'grep -q good %s && ! grep -q bad %s' },
    files: { f: 'good\n' },
    expect: { failed: true, files: { f: 'good\n' } },
  },
]);
