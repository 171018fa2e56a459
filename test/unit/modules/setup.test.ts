import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Connection, ExecOptions } from '../../../engine/connection/connection';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import setup from '../../../modules/setup';
import { testModule } from './module-tester';

// Gathering runs real probes on this machine: a busy machine must slow these cases, not fail them.
jest.setTimeout(60_000);

testModule(setup, [
  {
    name: 'local facts from fact_path: JSON, INI and executables',
    args: { gather_subset: ['!all'], filter: ['ansible_local'], fact_path: '@T/facts.d' },
    files: {
      'facts.d/app.fact': '{"port": 8080, "tags": ["a"]}',
      'facts.d/db.fact': '[main]\nEngine = postgres\n',
      'facts.d/gen.fact': { content: '#!/bin/sh\necho \'{"made": true}\'\n', mode: 0o755 },
      'facts.d/bad.fact': 'not = ini',
      'facts.d/broken.fact': { content: '#!/bin/sh\nexit 3\n', mode: 0o755 },
      'facts.d/empty.fact': '',
      'facts.d/notes.txt': 'ignored',
    },
    expect: {
      changed: false,
      result: {
        ansible_facts: {
          ansible_local: {
            app: { port: 8080, tags: ['a'] },
            db: { main: { engine: 'postgres' } },
            gen: { made: true },
            bad: 'error loading facts as JSON or ini - please check content: @T/facts.d/bad.fact',
            broken: 'Failure executing fact script (@T/facts.d/broken.fact), rc: 3, err: ',
            empty: {},
          },
        },
      },
    },
  },
  {
    name: '!all,!min gathers nothing but the metadata',
    args: { gather_subset: '!all,!min' },
    expect: { changed: false, result: { ansible_facts: { gather_subset: ['!all', '!min'], module_setup: true } } },
  },
  {
    name: 'an unknown subset fails as in Ansible',
    args: { gather_subset: ['all', 'hardwre'] },
    expect: { failed: true, msg: /^Bad subset 'hardwre' given to Ansible\. gather_subset options allowed: all, / },
  },
]);

/** A local connection that counts the commands it runs and keeps the last one. */
class CountingConnection extends LocalConnection {
  execs: string[] = [];
  override exec(command: string, opts?: ExecOptions) {
    this.execs.push(command);
    return super.exec(command, opts);
  }
}

async function gather(args: Record<string, unknown>, vars: Record<string, unknown> = {}, connection: Connection = new LocalConnection()) {
  return runModule(setup, args, { connection, vars, check: true });
}

describe('setup', () => {
  it('gathers everything in one command, and min with a shorter one', async () => {
    const all = new CountingConnection();
    const min = new CountingConnection();
    const [full, minimal] = await Promise.all([gather({}, {}, all), gather({ gather_subset: 'min' }, {}, min)]);
    expect([all.execs.length, min.execs.length]).toEqual([1, 1]);
    expect(min.execs[0].length).toBeLessThan(all.execs[0].length);
    const facts = full.ansible_facts as Record<string, unknown>;
    expect(facts).toEqual(expect.objectContaining({ ansible_system: 'Linux', module_setup: true, ansible_memtotal_mb: expect.any(Number), ansible_default_ipv4: expect.any(Object) }));
    expect(minimal.ansible_facts).not.toHaveProperty('ansible_memtotal_mb');
    expect(minimal.ansible_facts).not.toHaveProperty('ansible_default_ipv4');
  });

  it('asks the interpreter the inventory names for the python facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-setup-'));
    try {
      const probe = { executable: '/opt/py/bin/python3.12', type: 'cpython', version_info: [3, 12, 1, 'candidate', 2], has_sslcontext: true, selinux: false, env: { HOME: '/h' } };
      writeFileSync(join(dir, 'py'), `#!/bin/sh\necho '${JSON.stringify(probe)}'\n`, { mode: 0o755 });
      const r = await gather({ gather_subset: ['!all', '!min', 'python', 'platform', 'env'] }, { ansible_python_interpreter: join(dir, 'py') });
      expect(r.ansible_facts).toMatchObject({
        ansible_python: { executable: '/opt/py/bin/python3.12', version: { major: 3, minor: 12, micro: 1, releaselevel: 'candidate', serial: 2 }, version_info: [3, 12, 1, 'candidate', 2] },
        ansible_python_version: '3.12.1rc2',
        ansible_env: { HOME: '/h' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
