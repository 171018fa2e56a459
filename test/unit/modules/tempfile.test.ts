import tempfile from '../../../modules/tempfile';
import { testModule } from './module-tester';

testModule(tempfile, [
  { name: 'a file in the given dir', args: { path: '@T', prefix: 'x.', suffix: '.tmp' }, expect: { changed: true, result: { state: 'file', mode: '0600', size: 0, path: expect.stringMatching(/\/x\.\w{8}\.tmp$/) } } },
  { name: 'a directory', args: { path: '@T', state: 'directory' }, expect: { changed: true, result: { state: 'directory', mode: '0700' } } },
]);
