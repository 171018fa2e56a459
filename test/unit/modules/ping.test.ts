import ping from '../../../modules/ping';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import { testModule } from './module-tester';

testModule(ping, [
  { name: 'pong', args: {}, expect: { changed: false, result: { ping: 'pong' } } },
  { name: 'echoes data', args: { data: 'hi' }, expect: { result: { ping: 'hi' } } },
]);

it('ping data=crash raises, which the executor reports as a module failure', async () => {
  await expect(runModule(ping, { data: 'crash' }, { connection: new LocalConnection() })).rejects.toThrow('boom');
});
