import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ModuleContext } from '../types';
import { ensureRemoteFile, removeRemotePackages } from './remote-package';

interface Ran { rc: number; stdout: string; stderr: string }

/** Runs a command in this machine's shell; its stdin is closed only once `release` resolves. */
function shell(command: string, stdin: Buffer | undefined, release: Promise<void>): Promise<Ran> {
  const child = spawn('sh', ['-c', command]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  void release.then(() => child.stdin.end(stdin));
  return new Promise((resolve) => child.on('close', (rc) => resolve({ rc: rc ?? -1, stdout, stderr })));
}

/** A host whose commands run here: hosts made by it share one filesystem, as hosts with an NFS home do. */
function host(name: string, release: Promise<void> = Promise.resolve()): ModuleContext {
  const probe = { exec: (command: string, opts?: { stdin?: Buffer }) => shell(command, opts?.stdin, opts?.stdin ? release : Promise.resolve()) };
  return { host: name, vars: {}, probe } as unknown as ModuleContext;
}

/** Resolves once a file named `*.part` exists under `dir` (an upload has begun). */
async function partAppears(dir: string): Promise<void> {
  const found = () => existsSync(dir) && readdirSync(dir).some((run) => readdirSync(join(dir, run)).some((f) => f.endsWith('.part')));
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('ensureRemoteFile', () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'tsible-remote-package-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('sends one package to two hosts sharing a home at once: each upload has its own partial file', async () => {
    const pkg = { bytes: Buffer.from('PK package'), sha: 'abc123', suffix: '.zip' };
    let releaseFirst = () => undefined as void;
    const first = host('a', new Promise<void>((resolve) => (releaseFirst = resolve)));
    // The first upload has begun writing and is held open while the second one runs from start to end.
    const sendingFirst = ensureRemoteFile(first, pkg, tmp);
    await partAppears(tmp);
    const second = await ensureRemoteFile(host('b'), pkg, tmp);
    releaseFirst();
    expect(await sendingFirst).toBe(second);
    expect(readFileSync(second, 'utf8')).toBe('PK package');
    await removeRemotePackages(false);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
