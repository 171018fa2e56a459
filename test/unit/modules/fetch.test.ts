import fetch from '../../../modules/fetch';
import { testModule } from './module-tester';

testModule(fetch, [
  {
    name: 'lands under dest/host/path',
    args: { src: '@T/f', dest: '@T/out' },
    files: { f: 'x\n' },
    expect: { changed: true, result: { dest: '@T/out/localhost@T/f', checksum: '6fcf9dfbd479ed82697fee719b9f8c610a11ff2a', remote_md5sum: null }, files: { 'out/localhost@T/f': 'x\n' } },
  },
  { name: 'flat into a directory', args: { src: '@T/f', dest: '@T/o/', flat: true }, files: { f: 'x\n' }, expect: { changed: true, files: { 'o/f': 'x\n' } } },
  { name: 'unchanged when identical', args: { src: '@T/f', dest: '@T/g', flat: true }, files: { f: 'x\n', g: 'x\n' }, expect: { changed: false } },
  { name: 'missing remote file fails', args: { src: '@T/nope', dest: '@T/o' }, expect: { failed: true, msg: 'the remote file does not exist, not transferring, ignored' } },
  { name: 'missing remote file tolerated', args: { src: '@T/nope', dest: '@T/o', fail_on_missing: false }, expect: { changed: false } },
]);
