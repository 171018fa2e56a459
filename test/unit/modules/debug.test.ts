import debug from '../../../modules/debug';
import { testModule } from './module-tester';

testModule(debug, [
  { name: 'default message', args: {}, expect: { changed: false, result: { msg: 'Hello world!' } } },
  { name: 'structured msg', args: { msg: { a: [1] } }, expect: { result: { msg: { a: [1] } } } },
  { name: 'var by path', args: { var: 'app.ports[1]' }, vars: { app: { ports: [80, 443] } }, expect: { result: { 'app.ports[1]': 443 } } },
  { name: 'undefined var', args: { var: 'nope' }, expect: { result: { nope: 'VARIABLE IS NOT DEFINED!' } } },
]);
