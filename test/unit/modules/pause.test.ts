import pause from '../../../modules/pause';
import { testModule } from './module-tester';

testModule(pause, [
  { name: 'zero seconds', args: { seconds: 0 }, expect: { changed: false, result: { rc: 0, user_input: '', delta: 0 } } },
  { name: 'prompt without a terminal returns empty input', args: { prompt: 'continue?' }, expect: { result: { user_input: '' } } },
]);
