import { createServer, Server } from 'net';
import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * wait_for: `host` is a name, never shell text. Before the fix it was spliced into a `bash -c` script,
 * so `127.0.0.1$(touch …)` ran the command on the host.
 */
const cases: [string, TwinCase][] = [
  ['$() in host', { module: 'wait_for', args: { host: '127.0.0.1$(touch @T/p1)', port: 1, state: 'stopped', timeout: 2 }, files: {} }],
  ['backticks and quotes in host', { module: 'wait_for', args: { host: "127.0.0.1`touch @T/p2`'\"", port: 1, state: 'stopped', timeout: 2 }, files: {} }],
  ['a host starting with a dash and a newline', { module: 'wait_for', args: { host: '-x\ntouch @T/p3', port: 1, state: 'stopped', timeout: 2 }, files: {} }],
];

const markers = (tree: Record<string, unknown>) => Object.keys(tree).filter((k) => /^p\d$/.test(k));

describe('wait_for: the host is data', () => {
  jest.setTimeout(60_000);
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((s) => s.end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
  }, 30_000);
  afterAll(() => new Promise<void>((done) => server.close(() => done())), 30_000);

  it.each(cases)('%s: runs nothing', async (_name, c) => {
    const ours = await runTsible(c);
    expect(ours.result).toMatchObject({ changed: false, state: 'stopped' });
    expect(ours.result.failed).toBeUndefined();
    expect(markers(ours.tree)).toEqual([]);
  });

  it('still sees an open port and a closed one', async () => {
    expect((await runTsible({ module: 'wait_for', args: { host: '127.0.0.1', port, timeout: 5 }, files: {} })).result.failed).toBeUndefined();
    expect((await runTsible({ module: 'wait_for', args: { host: '127.0.0.1', port: 1, timeout: 0 }, files: {} })).result.failed).toBe(true);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same verdict and files as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect({ changed: ours.result.changed, failed: ours.result.failed ?? false }).toEqual({ changed: theirs.result.changed, failed: theirs.result.failed ?? false });
    expect(ours.tree).toEqual(theirs.tree);
  });
});
