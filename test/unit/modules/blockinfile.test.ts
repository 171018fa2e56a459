import blockinfile from '../../../modules/blockinfile';
import { testModule } from './module-tester';

const M = (b: string) => `# BEGIN ANSIBLE MANAGED BLOCK\n${b}# END ANSIBLE MANAGED BLOCK\n`;

testModule(blockinfile, [
  { name: 'inserts a block', args: { path: '@T/f', block: 'x=1' }, files: { f: 'a\n' }, expect: { changed: true, msg: 'Block inserted', files: { f: `a\n${M('x=1\n')}` } } },
  { name: 'block already there', args: { path: '@T/f', block: 'x=1' }, files: { f: `a\n${M('x=1\n')}` }, expect: { changed: false, msg: '' } },
  { name: 'removes a block', args: { path: '@T/f', state: 'absent' }, files: { f: `a\n${M('x=1\n')}` }, expect: { changed: true, msg: 'Block removed', files: { f: 'a\n' } } },
  { name: 'creates the file', args: { path: '@T/n', block: 'y', create: true }, expect: { changed: true, msg: 'File created', files: { n: M('y\n') } } },
  { name: 'missing file', args: { path: '@T/n', block: 'y' }, expect: { failed: true, msg: 'Path @T/n does not exist !' } },
  {
    name: 'custom marker',
    args: { path: '@T/f', block: 'k', marker: '<!-- {mark} -->', marker_begin: 'start', marker_end: 'stop' },
    files: { f: '' },
    expect: { changed: true, files: { f: '<!-- start -->\nk\n<!-- stop -->\n' } },
  },
]);
