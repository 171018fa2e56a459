import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../engine/connection/local';
import { runModule } from '../../engine/module/run';
import copy from '../copy';
import lineinfile from '../lineinfile';
import { unsafeWritesFromEnv } from './unsafe-writes';

describe('ANSIBLE_UNSAFE_WRITES', () => {
  it.each([['1'], ['yes'], ['True'], [' on ']])('%j turns unsafe writes on', (v) => expect(unsafeWritesFromEnv(v)).toBe(true));
  it.each([[''], ['0'], ['no'], ['False']])('%j leaves them off', (v) => expect(unsafeWritesFromEnv(v)).toBe(false));
  it('another value is an error naming the variable', () => {
    expect(() => unsafeWritesFromEnv('maybe')).toThrow("unsafe_writes: ANSIBLE_UNSAFE_WRITES='maybe' is not a valid boolean");
  });
});

// An immutable directory (chattr +i, root only) refuses the temporary file an atomic replace needs.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;
asRoot('writing into an immutable directory', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-uw-'));
    file = join(dir, 'f');
    writeFileSync(file, 'ORIGINAL\n');
    execFileSync('chattr', ['+i', dir]);
  });
  afterEach(() => {
    execFileSync('chattr', ['-i', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (mod: typeof copy | typeof lineinfile, args: Record<string, unknown>, environment?: Record<string, string>) =>
    runModule(mod, args, { connection: new LocalConnection('localhost'), environment });

  it('fails without unsafe_writes, as Ansible says it', async () => {
    const r = await run(copy, { content: 'NEW\n', dest: file });
    expect(r).toMatchObject({ failed: true, msg: `Destination ${dir} not writable` });
    expect(readFileSync(file, 'utf8')).toBe('ORIGINAL\n');
  });

  it('writes in place with unsafe_writes', async () => {
    const r = await run(copy, { content: 'NEW\n', dest: file, unsafe_writes: true, mode: '0600' });
    expect(r).toMatchObject({ changed: true, mode: '0600' });
    expect(readFileSync(file, 'utf8')).toBe('NEW\n');
  });

  it("takes ANSIBLE_UNSAFE_WRITES from the task's environment when the argument is unset", async () => {
    expect(await run(copy, { content: 'ENV\n', dest: file }, { ANSIBLE_UNSAFE_WRITES: '1' })).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('ENV\n');
    expect(await run(copy, { content: 'NO\n', dest: file, unsafe_writes: false }, { ANSIBLE_UNSAFE_WRITES: '1' })).toMatchObject({ failed: true });
    expect(await run(copy, { content: 'NO\n', dest: file }, { ANSIBLE_UNSAFE_WRITES: '0' })).toMatchObject({ failed: true });
    expect(readFileSync(file, 'utf8')).toBe('ENV\n');
  });

  it('lineinfile writes in place too', async () => {
    expect(await run(lineinfile, { path: file, line: 'added', unsafe_writes: true })).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('ORIGINAL\nadded\n');
  });

  it('a new file cannot be made in place either', async () => {
    const r = await run(copy, { content: 'x', dest: join(dir, 'new'), unsafe_writes: true });
    expect(r).toMatchObject({ failed: true, msg: expect.stringContaining('Could not write data to file') });
  });
});
