import copy from '../../../modules/copy';
import { testModule } from './module-tester';

testModule(copy, [
  {
    name: 'writes content to a new file',
    args: { content: 'a\n', dest: '@T/f', mode: '0640' },
    expect: { changed: true, result: { dest: '@T/f', checksum: '3f786850e387550fdab836ed7e6dc881de23001b', mode: '0640', state: 'file', size: 2 }, files: { f: { content: 'a\n', mode: 0o640 } } },
  },
  {
    name: 'leaves an identical file alone',
    args: { content: 'a\n', dest: '@T/f' },
    files: { f: 'a\n' },
    expect: { changed: false, result: { dest: '@T/f', path: '@T/f' } },
  },
  {
    name: 'YAML octal int mode is used as is; decimal 644 is 0o1204 as in Ansible',
    args: { content: 'a\n', dest: '@T/f', mode: 644 },
    expect: { changed: true, result: { mode: '01204' }, files: { f: { mode: 0o1204 } } },
  },
  {
    name: 'symbolic mode',
    args: { content: 'a\n', dest: '@T/f', mode: 'u=rw,g=r,o=r' },
    files: { f: { content: 'a\n', mode: 0o600 } },
    expect: { changed: true, result: { mode: '0644' }, files: { f: { content: 'a\n', mode: 0o644 } } },
  },
  {
    name: 'force: no keeps an existing file',
    args: { content: 'new\n', dest: '@T/f', force: 'no' },
    files: { f: 'old\n' },
    expect: { changed: false, files: { f: 'old\n' } },
  },
  {
    name: 'backup keeps the replaced file',
    args: { content: 'new\n', dest: '@T/f', backup: true },
    files: { f: 'old\n' },
    expect: { changed: true, files: { f: 'new\n' } },
  },
  {
    name: 'src file into a directory',
    args: { src: '@T/src.txt', dest: '@T/d/' },
    files: { 'src.txt': 'x\n', d: { dir: true } },
    expect: { changed: true, result: { dest: '@T/d/src.txt' }, files: { 'd/src.txt': 'x\n' } },
  },
  {
    name: 'src directory without trailing slash copies the directory itself',
    args: { src: '@T/tree', dest: '@T/out' },
    files: { 'tree/a': 'A', 'tree/sub/b': 'B', out: { dir: true } },
    expect: { changed: true, files: { 'out/tree/a': 'A', 'out/tree/sub/b': 'B' } },
  },
  {
    name: 'remote_src copies a file on the host',
    args: { src: '@T/a', dest: '@T/b', remote_src: 'yes' },
    files: { a: 'A\n' },
    expect: { changed: true, files: { b: 'A\n' } },
  },
  {
    name: 'validate rejects bad content and leaves the file',
    args: { content: 'bad\n', dest: '@T/f', validate: 'grep -q good %s' },
    files: { f: 'good\n' },
    expect: { failed: true, msg: 'failed to validate', result: { exit_status: 1 }, files: { f: 'good\n' } },
  },
  {
    name: 'missing destination directory fails',
    args: { content: 'a', dest: '@T/nodir/f' },
    expect: { failed: true, msg: 'Destination directory @T/nodir does not exist' },
  },
  {
    name: 'diff shows before and after content',
    args: { content: 'new\n', dest: '@T/f' },
    files: { f: 'old\n' },
    diff: true,
    expect: { changed: true, result: { diff: [{ before: 'old\n', after: 'new\n', before_header: '@T/f', after_header: 'dynamically generated' }] } },
  },
  {
    name: "mode: preserve takes src's mode",
    args: { src: '@T/s', dest: '@T/d', mode: 'preserve' },
    files: { s: { content: 'x', mode: 0o751 } },
    expect: { changed: true, result: { mode: '0751' }, files: { d: { content: 'x', mode: 0o751 } } },
  },
  {
    name: "accepts Ansible's SELinux/attributes arguments",
    args: { content: 'x', dest: '@T/f', setype: 'etc_t', unsafe_writes: 'yes', follow: 'yes' },
    expect: { changed: true, files: { f: 'x' } },
  },
  {
    name: 'remote_src directory: copies what differs',
    args: { src: '@T/tree/', dest: '@T/out', remote_src: true },
    files: { 'tree/a': 'A', 'tree/s/b': 'B', 'out/a': 'A', 'out/keep': 'K' },
    expect: { changed: true, files: { 'out/a': 'A', 'out/s/b': 'B', 'out/keep': 'K' } },
  },
  {
    name: 'remote_src directory: nothing to do',
    args: { src: '@T/tree', dest: '@T/out', remote_src: true },
    files: { 'tree/a': 'A', 'out/tree/a': 'A' },
    expect: { changed: false },
  },
  {
    name: 'a mapping as content is written as JSON, as Ansible does',
    args: { content: { z: 1, a: ['é', null] }, dest: '@T/f' },
    expect: { changed: true, files: { f: '{"z": 1, "a": ["\\u00e9", null]}' } },
  },
]);
