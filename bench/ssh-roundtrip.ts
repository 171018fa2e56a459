/**
 * How much one persistent ssh2 connection saves over an `ssh` process per command, against a throwaway
 * local sshd (needs root, like test/ssh). Prints figures; asserts nothing.
 *
 *   node bench/ssh-roundtrip.js [commands=50]
 */
import { spawnSync } from 'child_process';
import { createSshConnection } from '../engine/connection/ssh';
import { startSshd, TEST_USER } from '../test/ssh/sshd';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 50);
  const sshd = await startSshd();
  try {
    const conn = createSshConnection('bench', sshd.options());
    const connectStart = performance.now();
    await conn.connect();
    const connectMs = performance.now() - connectStart;

    const sequential = await time(n, () => conn.exec('true'));
    const parallelStart = performance.now();
    await Promise.all(Array.from({ length: n }, () => conn.exec('true')));
    const parallelMs = performance.now() - parallelStart;
    const statMs = await time(n, () => conn.stat('/etc/passwd', { checksum: true }));
    await conn.close();

    const sshArgs = ['-p', String(sshd.port), '-i', sshd.clientKey, '-o', `UserKnownHostsFile=${sshd.knownHosts}`, '-o', 'BatchMode=yes', `${TEST_USER}@127.0.0.1`, 'true'];
    const spawned = await time(n, async () => {
      const r = spawnSync('ssh', sshArgs, { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`ssh exited with ${r.status}`);
    });

    console.log(`${n} commands against a local sshd`);
    console.log(`  ssh2 connect + auth (once)          ${connectMs.toFixed(1)} ms`);
    console.log(`  ssh2 exec, one after another        ${(sequential / n).toFixed(2)} ms/command`);
    console.log(`  ssh2 exec, all at once              ${(parallelMs / n).toFixed(2)} ms/command`);
    console.log(`  ssh2 stat with checksum             ${(statMs / n).toFixed(2)} ms/call`);
    console.log(`  ssh process per command             ${(spawned / n).toFixed(2)} ms/command`);
    console.log(`  persistent connection is ${(spawned / sequential).toFixed(1)}x faster one after another`);
  } finally {
    await sshd.stop();
  }
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return performance.now() - start;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
