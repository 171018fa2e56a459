import assertModule from '../../../modules/assert';
import { testModule } from './module-tester';

const evaluate = (expr: string) => expr === 'true';

testModule(assertModule, [
  { name: 'all true', args: { that: ['true', 'true'] }, controller: { evaluate }, expect: { changed: false, msg: 'All assertions passed' } },
  { name: 'a single string is a list', args: { that: 'true' }, controller: { evaluate }, expect: { msg: 'All assertions passed' } },
  {
    name: 'reports the first false one',
    args: { that: ['true', 'false', 'x'], msg: 'bad' },
    controller: { evaluate },
    expect: { failed: true, msg: 'bad', result: { assertion: 'false', evaluated_to: false } },
  },
]);
