import ping from '../../../modules/ping';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import { testModule } from './module-tester';

testModule(ping, [
  { name: 'pong', args: {}, expect: { changed: false, result: { ping: 'pong' } } },
  { name: 'echoes data', args: { data: 'hi' }, expect: { result: { ping: 'hi' } } },
]);

it('ping data=crash fails as a crashed module does, with the exception in module_stderr', async () => {
  const r = await runModule(ping, { data: 'crash' }, { connection: new LocalConnection() });
  expect(r).toMatchObject({ failed: true, changed: false, rc: 1, module_stdout: '', msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error' });
  expect(r.module_stderr).toMatch(/^Traceback \(most recent call last\):\n[^]*\nException: boom\n$/);
});
