import { execFile, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import type { Connection } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { RunningHosts, startHosts } from '../hosts';

// Real hosts need root and systemd-nspawn; the modules come from Debian's ansible package (.ci/run installs it).
const isRoot = process.getuid?.() === 0;
const nspawnAvailable = spawnSync('sh', ['-c', 'command -v systemd-nspawn || apt-cache show systemd-container'], { stdio: 'ignore' }).status === 0;
const ansibleAvailable = existsSync('/usr/bin/ansible-playbook');
const describeReal = isRoot && nspawnAvailable && ansibleAvailable ? describe : describe.skip;
if (!isRoot || !nspawnAvailable || !ansibleAvailable) console.warn('skipping Python module twins: they need root, systemd-nspawn and ansible-playbook');
const run = promisify(execFile);

const FIXTURE = join(__dirname, 'python-modules-twin');
const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const TOOLS = { ours: ['node', TSIBLE], theirs: ['ansible-playbook'] } as const;
type Tool = keyof typeof TOOLS;

interface Play { tasks: { task: { name: string }; hosts: Record<string, Record<string, unknown>> }[] }
interface Outcome { code: number; tasks: { name: string; result: Record<string, unknown> }[]; stats: unknown; stderr: string }

/**
 * What both tools must agree on in a result. Left out: keys the json callback shows for every task that
 * tsible does not reproduce (`_ansible_no_log`, a `failed: false` no module returned), and the interpreter
 * Ansible reports on its first Python task, which for tsible is a later one (its command module is native).
 * A crash keeps what does not depend on the transport: Ansible without pipelining runs a become module in a
 * tty, which merges stderr into stdout and adds "Shared connection closed".
 */
function comparable(result: Record<string, unknown>): Record<string, unknown> {
  const out = { ...result };
  delete out._ansible_no_log;
  if (out.failed === false) delete out.failed;
  const facts = out.ansible_facts as Record<string, unknown> | undefined;
  if (facts && 'discovered_interpreter_python' in facts) {
    const { discovered_interpreter_python: _discovered, ...rest } = facts;
    if (Object.keys(rest).length) out.ansible_facts = rest;
    else delete out.ansible_facts;
  }
  if (typeof out.module_stdout === 'string') {
    const both = `${out.module_stdout}${String(out.module_stderr)}`.replace(/\r\n/g, '\n');
    out.module_stdout = (out.module_stdout as string).replace(/\r\n/g, '\n').split('\n')[0];
    out.module_stderr = ['about to break', 'RuntimeError: twin_crash broke on purpose'].filter((line) => both.includes(line));
  }
  return out;
}

describeReal('Python modules over ssh on Debian hosts, beside ansible-playbook', () => {
  let hosts: RunningHosts;
  const conns = {} as Record<Tool, Connection>;
  const dir = mkdtempSync(join(tmpdir(), 'python-modules-twin-'));
  const become = { method: 'sudo' as const, user: 'root' };

  /** Runs the playbook with one tool against its own host, results by the json callback. */
  async function play(tool: Tool, ...extra: string[]): Promise<Outcome> {
    const [cmd, ...args] = TOOLS[tool];
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1' };
    const r = await run(cmd, [...args, '-i', join(dir, `inventory-${tool}`), 'playbook.yml', ...extra], { cwd: dir, env, maxBuffer: 64 << 20 })
      .then((o) => ({ ...o, code: 0 }), (e: { stdout: string; stderr: string; code: number }) => e);
    const doc = JSON.parse(r.stdout) as { plays: Play[]; stats: Record<string, unknown> };
    const tasks = doc.plays.flatMap((p) => p.tasks.map((t) => ({ name: t.task.name, result: comparable(t.hosts.twin) })));
    return { code: r.code, tasks, stats: doc.stats.twin, stderr: r.stderr };
  }

  const both = async (...extra: string[]) => {
    const [ours, theirs] = await Promise.all([play('ours', ...extra), play('theirs', ...extra)]);
    return { ours, theirs };
  };

  /** The host's state as state.sh prints it, without what names the host (an overlay's upper directory). */
  const state = async (tool: Tool) => {
    const r = await conns[tool].exec(readFileSync(join(FIXTURE, 'state.sh'), 'utf8'), { become });
    return r.stdout.replace(/\/hosts\/[^/,]+\//g, '/hosts/HOST/');
  };

  beforeAll(async () => {
    hosts = await startHosts({ count: 2, prefix: 'pytwin-' });
    cpSync(FIXTURE, dir, { recursive: true });
    const key = hosts.privateKeyPath;
    (['ours', 'theirs'] as const).forEach((tool, i) => {
      const h = hosts.hosts[i];
      // No ansible_python_interpreter: both tools discover the host's Python.
      writeFileSync(join(dir, `inventory-${tool}`), `twin ansible_host=${h.address} ansible_user=${h.user} ansible_ssh_private_key_file=${key} ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`);
      conns[tool] = createSshConnection(h.name, { hostname: h.address, user: h.user, privateKeyFile: key, hostKeyChecking: false, sshConfigFile: null });
    });
    const setup = readFileSync(join(FIXTURE, 'setup.sh'), 'utf8');
    await Promise.all(Object.values(conns).map(async (c) => {
      await c.connect();
      const r = await c.exec(setup, { become });
      if (r.rc !== 0) throw new Error(`preparing ${c.host}: ${r.stderr}`);
    }));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(Object.values(conns).map((c) => c.close()));
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  // Each step runs both tools at once; ansible-playbook against a container can take minutes on a busy machine.
  test('--check: every task reports what ansible-playbook reports, and neither host changes', async () => {
    const before = { ours: await state('ours'), theirs: await state('theirs') };
    expect(before.ours).toBe(before.theirs);
    const { ours, theirs } = await both('--check');
    expect(ours.tasks).toEqual(theirs.tasks);
    expect({ code: ours.code, stats: ours.stats }).toEqual({ code: theirs.code, stats: theirs.stats });
    expect(await state('ours')).toBe(before.ours);
    expect(await state('theirs')).toBe(before.theirs);
    // The check run predicts changes: a comparison of two runs that did nothing would prove little.
    expect(ours.tasks.filter((t) => t.result.changed).length).toBeGreaterThan(10);
  }, 900_000);

  test('a run: the same results and the same host afterwards', async () => {
    const before = await state('ours');
    const { ours, theirs } = await both();
    expect(ours.tasks).toEqual(theirs.tasks);
    expect({ code: ours.code, stats: ours.stats }).toEqual({ code: theirs.code, stats: theirs.stats });
    const after = await state('ours');
    expect(after).not.toBe(before);
    expect(after).toBe(await state('theirs'));
  }, 900_000);

  test('a second run changes nothing but the check-mode task, as for ansible-playbook', async () => {
    const before = await state('ours');
    const { ours, theirs } = await both();
    expect(ours.tasks).toEqual(theirs.tasks);
    expect(ours.tasks.filter((t) => t.result.changed).map((t) => t.name)).toEqual(['library module in check mode']);
    expect(await state('ours')).toBe(before);
    expect(await state('theirs')).toBe(before);
  }, 900_000);
});
