import replace from '../../../modules/replace';
import { testModule } from './module-tester';

testModule(replace, [
  { name: 'replaces all matches', args: { path: '@T/f', regexp: 'old', replace: 'new' }, files: { f: 'old old\nold\n' }, expect: { changed: true, msg: '3 replacements made', result: { rc: 0 }, files: { f: 'new new\nnew\n' } } },
  { name: 'nothing to replace', args: { path: '@T/f', regexp: 'zzz', replace: 'y' }, files: { f: 'a\n' }, expect: { changed: false, msg: '' } },
  { name: 'missing file', args: { path: '@T/n', regexp: 'a' }, expect: { failed: true, msg: 'Path @T/n does not exist !', result: { rc: 257 } } },
  { name: 'a directory', args: { path: '@T/d', regexp: 'a' }, files: { d: { dir: true } }, expect: { failed: true, msg: 'Path @T/d is a directory !', result: { rc: 256 } } },
  {
    name: 'diff is a single entry keyed by path',
    args: { path: '@T/f', regexp: '^a$', replace: 'b' },
    files: { f: 'a\n' },
    diff: true,
    expect: { result: { diff: { before_header: '@T/f', before: 'a\n', after_header: '@T/f', after: 'b\n' } } },
  },
]);
