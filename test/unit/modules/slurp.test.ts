import slurp from '../../../modules/slurp';
import { testModule } from './module-tester';

testModule(slurp, [
  { name: 'base64 content', args: { src: '@T/f' }, files: { f: 'hello\n' }, expect: { changed: false, result: { content: 'aGVsbG8K', encoding: 'base64', source: '@T/f' } } },
  { name: 'path alias, missing file', args: { path: '@T/nope' }, expect: { failed: true, msg: 'file not found: @T/nope' } },
]);
