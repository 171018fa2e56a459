import fail from '../../../modules/fail';
import { testModule } from './module-tester';

testModule(fail, [
  { name: 'default message', args: {}, expect: { failed: true, msg: 'Failed as requested from task' } },
  { name: 'custom message', args: { msg: 'nope' }, expect: { failed: true, msg: 'nope' } },
]);
