import { execFile, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { LocalConnection } from '../../engine/connection/local';
import { createModuleContext } from '../../engine/module/context';
import setup from '../../modules/setup';

const haveAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
const maybe = haveAnsible ? describe : describe.skip;
const run = promisify(execFile);

/** Facts whose values drift between two gatherings. */
const DRIFTING = ['ansible_date_time', 'ansible_uptime_seconds', 'ansible_memfree_mb', 'ansible_memory_mb', 'ansible_env', 'ansible_loadavg', 'ansible_swapfree_mb'];
/** Mount fields that drift as files come and go. */
const MOUNT_DRIFT = ['size_available', 'block_available', 'block_used', 'inode_available', 'inode_used'];
/** Added by the executor's Python interpreter discovery, not by the setup module. */
const EXECUTOR_ADDED = ['discovered_interpreter_python'];
/** Facts whose lists Ansible builds from unordered sets or directory order. */
const UNORDERED = ['ansible_virtualization_tech_guest', 'ansible_virtualization_tech_host', 'ansible_interfaces', 'ansible_all_ipv4_addresses', 'ansible_all_ipv6_addresses'];

const PLAYBOOK = `- hosts: localhost
  gather_facts: no
  tasks:
    - setup:
    - setup: { gather_subset: [min] }
    - setup: { gather_subset: ['!all', '!min', pkg_mgr], filter: ['*_mgr', 'distribution'] }
    - setup: { gather_subset: ['!all'], filter: [ansible_local], fact_path: '{{ playbook_dir }}/facts.d' }
`;

/** Local fact files of every kind Ansible reads (JSON, INI, executable) and fails on. */
const FACT_FILES: Record<string, [string, number]> = {
  'app.fact': ['{"port": 8080, "tags": ["a"]}', 0o644],
  'db.fact': ['[main]\nEngine = postgres\n', 0o644],
  'gen.fact': ['#!/bin/sh\necho \'{"made": true}\'\n', 0o755],
  'bad.fact': ['not = ini', 0o644],
  'broken.fact': ['#!/bin/sh\nexit 3\n', 0o755],
  'empty.fact': ['', 0o644],
};

type Facts = Record<string, unknown>;

/** The ansible_facts of each setup task, from ansible-playbook's json callback. */
async function ansibleFacts(dir: string): Promise<Facts[]> {
  writeFileSync(join(dir, 'p.yml'), PLAYBOOK);
  const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' };
  const { stdout } = await run('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'p.yml'], { cwd: dir, env, maxBuffer: 64 << 20 });
  const doc = JSON.parse(stdout) as { plays: { tasks: { hosts: { localhost: { ansible_facts: Facts } } }[] }[] };
  return doc.plays[0].tasks.map((t) => t.hosts.localhost.ansible_facts);
}

async function tsibleFacts(args: Record<string, unknown>): Promise<Facts> {
  const { ctx } = createModuleContext({ connection: new LocalConnection() });
  const result = await setup.run(ctx, { gather_subset: ['all'], gather_timeout: 10, filter: [], fact_path: '/etc/ansible/facts.d', ...args });
  expect(result.changed).toBe(false);
  return result.ansible_facts as Facts;
}

/** Ansible lists mounts in the order its threads finish; sorted by mount point, free space left out. */
function stableMounts(mounts: Facts[]): Facts[] {
  const stable = mounts.map((m) => Object.fromEntries(Object.entries(m).filter(([k]) => !MOUNT_DRIFT.includes(k))));
  return stable.sort((a, b) => String(a.mount).localeCompare(String(b.mount)));
}

function comparable(facts: Facts): Facts {
  const out: Facts = {};
  for (const [key, value] of Object.entries(facts)) {
    if (DRIFTING.includes(key) || EXECUTOR_ADDED.includes(key)) continue;
    if (key === 'ansible_mounts') out[key] = stableMounts(value as Facts[]);
    else out[key] = UNORDERED.includes(key) ? [...(value as string[])].sort() : value;
  }
  return out;
}

maybe('setup compared with ansible-playbook on this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'setup-compat-'));
  let ansible: Facts[];
  let mine: Facts[];
  beforeAll(async () => {
    mkdirSync(join(dir, 'facts.d'));
    for (const [name, [content, mode]] of Object.entries(FACT_FILES)) writeFileSync(join(dir, 'facts.d', name), content, { mode });
    // A dangling symlink cannot be stat'ed: Ansible puts its error in that fact.
    symlinkSync(join(dir, 'no-such-target'), join(dir, 'facts.d', 'dead.fact'));
    [ansible, ...mine] = await Promise.all([
      ansibleFacts(dir),
      tsibleFacts({}),
      tsibleFacts({ gather_subset: ['min'] }),
      tsibleFacts({ gather_subset: ['!all', '!min', 'pkg_mgr'], filter: ['*_mgr', 'distribution'] }),
      tsibleFacts({ gather_subset: ['!all'], filter: ['ansible_local'], fact_path: join(dir, 'facts.d') }),
    ]).then(([a, ...m]) => [a, ...m] as [Facts[], ...Facts[]]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gathers the same stable facts, with the same value types', () => {
    expect(comparable(mine[0])).toEqual(comparable(ansible[0]));
  });

  it('gathers the same fact names, drifting values included', () => {
    const names = (f: Facts) => Object.keys(f).filter((k) => !EXECUTOR_ADDED.includes(k)).sort();
    expect(names(mine[0])).toEqual(names(ansible[0]));
    for (const key of DRIFTING) if (key in ansible[0]) expect(typeof mine[0][key]).toBe(typeof ansible[0][key]);
    expect(Object.keys(mine[0].ansible_date_time as object).sort()).toEqual(Object.keys(ansible[0].ansible_date_time as object).sort());
  });

  it('gathers only the minimal facts for gather_subset min', () => {
    expect(comparable(mine[1])).toEqual(comparable(ansible[1]));
  });

  it('honours exclusions, requirements and filter', () => {
    expect(mine[2]).toEqual(ansible[2]);
  });

  it('reads local facts as Ansible does, failures included', () => {
    expect(mine[3]).toEqual(ansible[3]);
  });
});
