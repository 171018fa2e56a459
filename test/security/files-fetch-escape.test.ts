import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { FileOptions, FileStat } from '../../engine/connection/connection';
import { Digests } from '../../engine/connection/file-stream';
import { LocalConnection } from '../../engine/connection/local';
import { runModule } from '../../engine/module/run';
import fetch from '../../modules/fetch';

const EVIL = 'written by the host\n';

/** A host whose every file holds EVIL, whatever path is asked for: what a hostile host can make of src. */
class HostileHost extends LocalConnection {
  override async readFile(): Promise<Buffer> {
    return Buffer.from(EVIL);
  }

  override async stat(_path: string, _opts?: FileOptions & { checksum?: boolean; follow?: boolean }): Promise<FileStat> {
    return { exists: true, type: 'file', mode: 0o644, size: EVIL.length, checksum: createHash('sha1').update(EVIL).digest('hex') };
  }

  override async fetchFile(_path: string, localPath: string): Promise<Digests> {
    writeFileSync(localPath, EVIL, { flag: 'wx', mode: 0o600 });
    return { sha1: createHash('sha1').update(EVIL).digest('hex'), md5: createHash('md5').update(EVIL).digest('hex') };
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-fetch-escape-'));
  writeFileSync(join(dir, 'victim'), 'the operator\'s file\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: Record<string, unknown>, host = 'web1') => runModule(fetch, args, { connection: new HostileHost(host) });

describe('fetch never writes outside dest', () => {
  it('refuses a src whose ../ climbs out of dest/<host>', async () => {
    const result = await run({ src: '../../victim', dest: join(dir, 'dest') });
    expect(result).toMatchObject({ failed: true, msg: expect.stringMatching(/^fetch: src '\.\.\/\.\.\/victim' would be written to .*victim, outside .*dest\/web1': refusing a path that leaves dest$/) });
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('the operator\'s file\n');
  });

  it('refuses an absolute src with more ../ than directories', async () => {
    const result = await run({ src: `/var/log/../../../../../../../../..${dir}/victim`, dest: join(dir, 'dest') });
    expect(result).toMatchObject({ failed: true, msg: expect.stringContaining('refusing a path that leaves dest') });
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('the operator\'s file\n');
  });

  it('still accepts a ../ that stays inside dest/<host>, placed as Ansible places it', async () => {
    const result = await run({ src: '/var/log/../app.log', dest: join(dir, 'dest') });
    expect(result).toMatchObject({ changed: true, dest: join(dir, 'dest/web1/var/app.log') });
    expect(readFileSync(join(dir, 'dest/web1/var/app.log'), 'utf8')).toBe(EVIL);
  });

  it('refuses flat=yes into a directory when the source name is ..', async () => {
    const result = await run({ src: '/var/..', dest: `${join(dir, 'dest')}/`, flat: true });
    expect(result).toMatchObject({ failed: true, msg: expect.stringContaining('refusing a path that leaves dest') });
    expect(existsSync(join(dir, 'dest'))).toBe(false);
  });

  it('refuses a host name that climbs out of dest', async () => {
    const result = await run({ src: '/victim', dest: join(dir, 'dest', 'sub') }, '../..');
    expect(result).toMatchObject({ failed: true, msg: expect.stringContaining("the host name '../..' would place files outside dest") });
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('the operator\'s file\n');
  });

  it('refuses to write through a symlink under dest that leads out of it', async () => {
    mkdirSync(join(dir, 'dest/web1'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(dir, 'dest/web1/etc'));
    const result = await run({ src: '/etc/passwd', dest: join(dir, 'dest') });
    expect(result).toMatchObject({ failed: true, msg: expect.stringContaining('is a symlink leading out of') });
    expect(existsSync(join(dir, 'outside/passwd'))).toBe(false);
  });

  it('follows a symlink under dest that stays inside it', async () => {
    mkdirSync(join(dir, 'dest/web1/real'), { recursive: true });
    symlinkSync(join(dir, 'dest/web1/real'), join(dir, 'dest/web1/etc'));
    const result = await run({ src: '/etc/passwd', dest: join(dir, 'dest') });
    expect(result).toMatchObject({ changed: true });
    expect(readFileSync(join(dir, 'dest/web1/real/passwd'), 'utf8')).toBe(EVIL);
  });
});
