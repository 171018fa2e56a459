import raw from '../../../modules/raw';
import { testModule } from './module-tester';

testModule(raw, [
  { name: 'output keeps its newline', args: 'echo raw', expect: { changed: true, result: { rc: 0, stdout: 'raw\n', stdout_lines: ['raw'], stderr: '' } } },
  { name: 'non-zero fails', args: 'exit 4', expect: { failed: true, result: { rc: 4 } } },
]);
