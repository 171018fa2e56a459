import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkHostKey, fingerprint, knownKeysFor, preferredHostKeyAlgorithms } from './known-hosts';

const dir = mkdtempSync(join(tmpdir(), 'tsible-known-hosts-'));
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const ED2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIEpSQz3Bb0xq8IzrTBoHV2ew5vWTIuXzy3O2MWdyYMwZ';
const blob = (b64: string) => Buffer.from(b64, 'base64');

function file(lines: string[], hashed = false): string {
  const path = join(dir, `kh-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, lines.join('\n') + '\n');
  if (hashed) execFileSync('ssh-keygen', ['-H', '-f', path], { stdio: 'ignore' });
  return path;
}

describe('known_hosts', () => {
  const lines = [
    '# comment',
    `web1,10.0.0.1 ssh-ed25519 ${ED}`,
    `[web1]:2222 ssh-ed25519 ${ED2}`,
    `*.example.org,!bad.example.org ssh-ed25519 ${ED}`,
    `@cert-authority *.corp ssh-ed25519 ${ED2}`,
  ];

  it.each([false, true])('finds plain and [host]:port entries (hashed by ssh-keygen -H: %s)', (hashed) => {
    const files = [file(lines, hashed)];
    expect(knownKeysFor(files, 'web1', 22).map((k) => k.key.toString('base64'))).toEqual([ED]);
    expect(knownKeysFor(files, '10.0.0.1', 22)).toHaveLength(1);
    expect(knownKeysFor(files, 'web1', 2222).map((k) => k.key.toString('base64'))).toEqual([ED2]);
    expect(knownKeysFor(files, 'web1', 2223)).toEqual([]);
  });

  it('honours wildcards and negations, skips CA lines', () => {
    const files = [file(lines)];
    expect(knownKeysFor(files, 'a.example.org', 22)).toHaveLength(1);
    expect(knownKeysFor(files, 'bad.example.org', 22)).toEqual([]);
    expect(knownKeysFor(files, 'x.corp', 22)).toEqual([]);
  });

  it('tells a matching, unknown, changed and revoked key apart', () => {
    const known = knownKeysFor([file(lines)], 'web1', 22);
    expect(checkHostKey(known, blob(ED))).toEqual({ status: 'match' });
    expect(checkHostKey(known, blob(ED2))).toMatchObject({ status: 'changed', recorded: { line: 2 } });
    expect(checkHostKey([], blob(ED))).toEqual({ status: 'unknown' });
    const revoked = knownKeysFor([file([`@revoked web1 ssh-ed25519 ${ED}`, `web1 ssh-ed25519 ${ED}`])], 'web1', 22);
    expect(checkHostKey(revoked, blob(ED)).status).toBe('revoked');
  });

  it('prints fingerprints as ssh-keygen -l does', () => {
    const path = file([`web1 ssh-ed25519 ${ED}`]);
    const out = execFileSync('ssh-keygen', ['-l', '-f', path], { encoding: 'utf8' });
    expect(out).toContain(fingerprint(blob(ED)));
  });

  it('prefers the key types already recorded for the host', () => {
    const known = [{ type: 'ssh-rsa', key: Buffer.alloc(0), file: '', line: 1, revoked: false }];
    expect(preferredHostKeyAlgorithms(known).slice(0, 4)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
  });
});
