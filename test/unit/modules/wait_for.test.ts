import waitFor from '../../../modules/wait_for';
import { testModule } from './module-tester';

testModule(waitFor, [
  { name: 'file present', args: { path: '@T/f' }, files: { f: 'x' }, expect: { changed: false, result: { path: '@T/f', state: 'started', elapsed: 0 } } },
  { name: 'regex with groups', args: { path: '@T/f', search_regex: 'port=(?P<p>\\d+)' }, files: { f: 'port=80\n' }, expect: { result: { match_groups: ['80'], match_groupdict: { p: '80' } } } },
  { name: 'times out', args: { path: '@T/nope', timeout: 0 }, expect: { failed: true, msg: 'Timeout when waiting for file @T/nope' } },
  { name: 'absent', args: { path: '@T/nope', state: 'absent' }, expect: { changed: false } },
  { name: 'neither port nor path: waits out the timeout and succeeds', args: { timeout: 0 }, expect: { changed: false, result: { port: null, path: null, state: 'started' } } },
  { name: 'closed port with custom message', args: { port: 1, timeout: 0, msg: 'closed' }, expect: { failed: true, msg: 'closed' } },
]);
