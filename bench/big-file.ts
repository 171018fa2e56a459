/**
 * Peak controller memory of copying and fetching one big file (default 1 GiB), over the local connection
 * and over ssh to the test sshd on this machine: `node bench/big-file.js [--size-mb N] [--tools tsible,ansible]`.
 * Needs root (the test sshd's users) and `npm run build`. Each run is measured with /usr/bin/time -v
 * (peak RSS of the largest process) and the summed PSS of the process tree; the second copy and fetch of
 * each run find the same sha1 on the other side and transfer nothing.
 */
import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { inventoryLine, startSshd, TEST_USER } from '../test/ssh/sshd';
import { measure } from './lib/measure';
import { pickTools } from './lib/tools';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const sizeMb = Number(arg('size-mb', '1024'));
const tools = pickTools(arg('tools', 'tsible').split(','));

function playbook(dir: string, hosts: string, work: string): string {
  const tasks = [
    { name: 'copy', copy: { src: join(dir, 'big.bin'), dest: join(work, 'copied.bin') } },
    { name: 'copy again (same sha1: nothing sent)', copy: { src: join(dir, 'big.bin'), dest: join(work, 'copied.bin') } },
    { name: 'fetch', fetch: { src: join(work, 'copied.bin'), dest: join(dir, 'fetched.bin'), flat: true } },
    { name: 'fetch again (same sha1: nothing received)', fetch: { src: join(work, 'copied.bin'), dest: join(dir, 'fetched.bin'), flat: true } },
  ];
  const path = join(dir, `${hosts}.yml`);
  writeFileSync(path, JSON.stringify([{ hosts, gather_facts: false, tasks }]));
  return path;
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync('/tmp/tsible-big-file-');
  chmodSync(dir, 0o755);
  execFileSync('sh', ['-c', `head -c ${sizeMb}M /dev/urandom > ${join(dir, 'big.bin')}`]);
  chmodSync(join(dir, 'big.bin'), 0o644);
  const sshd = await startSshd();
  const remoteWork = join(sshd.dir, 'big-file');
  mkdirSync(remoteWork);
  chmodSync(remoteWork, 0o777);
  const localWork = join(dir, 'local');
  mkdirSync(localWork);
  const inventory = join(dir, 'hosts');
  writeFileSync(inventory, `local ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n${inventoryLine(sshd, 'sshd', TEST_USER)}\n`);
  const rows: string[] = [];
  try {
    for (const tool of tools) {
      for (const [hosts, work] of [['local', localWork], ['sshd', remoteWork]] as const) {
        rmSync(join(work, 'copied.bin'), { force: true });
        rmSync(join(dir, 'fetched.bin'), { force: true });
        const m = await measure([...tool.argv, '-i', inventory, playbook(dir, hosts, work)], { cwd: dir, env: tool.env });
        if (m.status !== 0) throw new Error(`${tool.name} on ${hosts} failed:\n${m.stdout}\n${m.stderr}`);
        const recap = /ok=\d+\s+changed=\d+/.exec(m.stdout)?.[0] ?? '?';
        const same = execFileSync('sh', ['-c', `sha1sum ${join(dir, 'big.bin')} ${join(work, 'copied.bin')} ${join(dir, 'fetched.bin')} | cut -d' ' -f1 | uniq | wc -l`]).toString().trim() === '1';
        rows.push(`| ${tool.name} | ${hosts === 'local' ? 'local' : 'ssh (test sshd)'} | ${sizeMb} MB | ${(m.ms / 1000).toFixed(1)} s | ${mb(m.maxRssKb)} | ${mb(m.treePssKb)} | ${recap} | ${same ? 'yes' : 'NO'} |`);
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| tool | connection | file | time | peak RSS (time -v) | peak tree PSS | recap | sha1 equal |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
