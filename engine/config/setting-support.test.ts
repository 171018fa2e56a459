import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parsePlaybookArgs } from '../cli/options';
import { commonRequest } from '../cli/run-plays';
import { withConfig } from '../cli/run-settings';
import { settingWarnings } from '../cli/setting-warnings';
import { refuseUnsupportedSettings } from '../cli/unsupported-settings';
import { loadConfig } from './ansible-cfg';
import { SETTINGS } from './settings';

const ROOT = join(__dirname, '..', '..');
const HERE = 'engine/config/setting-support.test.ts';

/**
 * Every ansible.cfg setting tsible reads (with its ANSIBLE_* variables), with a test showing it does what
 * Ansible's does. A setting must be here, in WARNED, WITHOUT_EFFECT or PENDING: none is read and ignored.
 */
const IMPLEMENTED: Record<string, string> = {
  action_plugins: 'engine/plugins/actions.test.ts',
  ansible_managed: 'test/compat/cases/settings-ansible-managed',
  ask_pass: HERE,
  become: HERE,
  become_ask_pass: HERE,
  become_method: HERE,
  become_user: HERE,
  bin_ansible_callbacks: 'test/compat/adhoc.test.ts',
  collections_path: 'engine/plugins/collections.test.ts',
  collections_scan_sys_path: 'engine/plugins/collections.test.ts',
  duplicate_dict_key: 'engine/playbook/yaml.test.ts',
  error_on_missing_handler: 'test/compat/cases/settings-missing-handler',
  fact_caching: HERE,
  fact_caching_connection: 'engine/vars/fact-cache.test.ts',
  fact_caching_prefix: 'engine/vars/fact-cache.test.ts',
  fact_caching_timeout: 'engine/vars/fact-cache.test.ts',
  filter_plugins: 'test/compat/cases/python-plugins',
  force_handlers: 'test/compat/cases/force-handlers-keyword',
  force_valid_group_names: 'test/compat/cases/settings-force-valid-group-names',
  forks: 'test/compat/playbook-options.test.ts',
  gathering: 'test/compat/cases/settings-smart-gathering',
  hash_behaviour: 'test/compat/cases/hash-behaviour-merge',
  host_key_checking: 'test/ssh/connect.test.ts',
  interpreter_python: 'test/compat/cases/settings-interpreter-python',
  inventory: 'test/compat/playbook-options.test.ts',
  inventory_any_unparsed_is_failed: 'test/unit/inventory/unparsed.test.ts',
  inventory_enabled: 'test/compat/adhoc.test.ts',
  inventory_unparsed_is_failed: 'test/unit/inventory/unparsed.test.ts',
  jinja2_native: 'test/compat/cases/jinja2-native',
  keep_remote_files: 'engine/module/python/remote-files-settings.test.ts',
  library: 'test/unit/module/user-modules.test.ts',
  lookup_plugins: 'engine/cli/python-plugin-dirs.test.ts',
  no_log: 'test/compat/cases/settings-no-log',
  playbook_dir: 'engine/inventory/python/tsible-inventory.test.ts',
  plugin_filters_cfg: 'engine/config/plugin-filters.test.ts',
  private_key_file: 'engine/connection/host-ssh-options.test.ts',
  remote_tmp: 'engine/module/python/remote-files-settings.test.ts',
  remote_user: 'engine/connection/host-ssh-options.test.ts',
  retries: 'test/ssh/connect.test.ts',
  roles_path: 'test/unit/playbook/load.test.ts',
  ssh_args: 'engine/connection/ssh-options.test.ts',
  ssh_common_args: 'engine/connection/host-ssh-options.test.ts',
  show_custom_stats: 'test/compat/custom-stats.test.ts',
  ssh_extra_args: HERE,
  stdout_callback: 'test/compat/setup.test.ts',
  test_plugins: 'engine/cli/python-plugin-dirs.test.ts',
  timeout: 'test/ssh/connect.test.ts',
  transport: HERE,
  vars_plugins: 'engine/inventory/python/tsible-inventory.test.ts',
  vars_plugins_enabled: 'test/compat/cases/python-inventory-vars-plugins',
  vault_id_match: 'test/compat/vault.test.ts',
  vault_identity_list: 'test/compat/vault.test.ts',
  vault_password_file: 'test/compat/vault.test.ts',
  verbosity: 'test/compat/playbook-options.test.ts',
};

/** Read, and warned about when set, because tsible cannot do what they ask (see settingWarnings). */
const WARNED = ['callbacks_enabled', 'retry_files_enabled'];

/** Read and rightly without effect: what they tune is how Ansible's ssh plugin works, which tsible does not use. */
const WITHOUT_EFFECT: Record<string, string> = {
  // Pipelining saves Ansible copying each module to the host; tsible never copies modules, so it always runs as pipelined.
  pipelining: 'tsible ships no module files to hosts',
  // tsible moves files over its own ssh connection (sftp channel), not by running scp or sftp.
  scp_if_ssh: 'tsible runs no scp or sftp program',
};

/** Read, and waiting for their issue. */
const PENDING: Record<string, string> = {};

/** The text a reference holds: a file, or every file of a compat case directory. */
function textOf(reference: string): string {
  const path = join(ROOT, reference);
  if (!statSync(path).isDirectory()) return readFileSync(path, 'utf8');
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f)).filter((f) => statSync(f).isFile()).map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe('no setting is read and ignored', () => {
  test.each(SETTINGS.map((s) => s.name))('%s is implemented with a test, warned about, without effect by design, or pending', (name) => {
    const implemented = IMPLEMENTED[name];
    expect([implemented !== undefined, WARNED.includes(name), name in WITHOUT_EFFECT, name in PENDING].filter(Boolean)).toEqual([true]);
    if (implemented === undefined) return;
    expect(existsSync(join(ROOT, implemented))).toBe(true);
    const def = SETTINGS.find((s) => s.name === name);
    const spellings = [name, ...(def?.env ?? []), ...(def?.ini.map(([, key]) => key) ?? [])];
    expect(textOf(implemented)).toMatch(new RegExp(`\\b(${spellings.join('|')})\\b`));
  });
});

describe('settings reach the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-settings-'));
  const io = { cwd: dir, env: { HOME: dir }, stdout: () => undefined, stderr: () => undefined };
  const config = (env: NodeJS.ProcessEnv) => loadConfig({ cwd: dir, env: { HOME: dir, ...env }, home: dir, systemFile: '/nonexistent/ansible.cfg' });

  async function request(env: NodeJS.ProcessEnv, ...args: string[]) {
    const parsed = parsePlaybookArgs([...args, 'p.yml'], { cwd: dir, env: { HOME: dir } });
    if (parsed.kind !== 'run') throw new Error('expected a run');
    const cfg = config(env);
    return { settings: withConfig(parsed.options, cfg), ...(await commonRequest(parsed.options, withConfig(parsed.options, cfg), io, undefined)) };
  }

  test('ANSIBLE_BECOME, ANSIBLE_BECOME_METHOD and ANSIBLE_BECOME_USER are the default escalation', async () => {
    const { options } = await request({ ANSIBLE_BECOME: 'yes', ANSIBLE_BECOME_METHOD: 'su', ANSIBLE_BECOME_USER: 'app' });
    expect(options.become).toMatchObject({ enabled: true, method: 'su', user: 'app' });
  });

  test('ANSIBLE_ASK_PASS and ANSIBLE_BECOME_ASK_PASS ask as -k and -K do', async () => {
    const parsed = parsePlaybookArgs(['p.yml']);
    if (parsed.kind !== 'run') throw new Error('expected a run');
    expect(withConfig(parsed.options, config({ ANSIBLE_ASK_PASS: '1', ANSIBLE_BECOME_ASK_PASS: '1' }))).toMatchObject({ askPass: true, askBecomePass: true });
  });

  test('ANSIBLE_TRANSPORT is the default connection; smart means ssh (none forced)', async () => {
    expect((await request({ ANSIBLE_TRANSPORT: 'local' })).connection.connection).toBe('local');
    expect((await request({})).connection.connection).toBeUndefined();
  });

  test('ssh_extra_args from the config reaches the connection, and --ssh-extra-args beats it', async () => {
    expect((await request({ ANSIBLE_SSH_EXTRA_ARGS: '-o A=1' })).connection.sshExtraArgs).toBe('-o A=1');
    expect((await request({ ANSIBLE_SSH_EXTRA_ARGS: '-o A=1' }, '--ssh-extra-args', '-o B=2')).connection.sshExtraArgs).toBe('-o B=2');
  });

  test('a callback plugin tsible lacks is skipped with Ansible\'s warning; a stdout callback named there is passed over', () => {
    const warnings = settingWarnings(config({ ANSIBLE_CALLBACKS_ENABLED: 'junit, json, ansible.builtin.minimal' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Skipping callback plugin 'junit', unable to load: /);
  });

  test('a core ansible.cfg key tsible does not read is warned about with its line; cowsay and plug-in sections are not', () => {
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\nnocows = 1\ndisplay_skipped_hosts = no\n[galaxy]\nserver = x\n[ssh_connection]\ncontrol_path = /x\n');
    const warnings = settingWarnings(config({}));
    rmSync(join(dir, 'ansible.cfg'));
    expect(warnings).toEqual([
      `${join(dir, 'ansible.cfg')}:3: tsible does not support the setting 'display_skipped_hosts' in [defaults]; it has no effect here, and the run may differ from ansible-playbook's`,
      `${join(dir, 'ansible.cfg')}:7: tsible does not support the setting 'control_path' in [ssh_connection]; it has no effect here, and the run may differ from ansible-playbook's`,
    ]);
  });

  test('retry_files_enabled warns that no .retry file is written', () => {
    expect(settingWarnings(config({ ANSIBLE_RETRY_FILES_ENABLED: 'yes' }))).toEqual([expect.stringContaining('writes no .retry files')]);
    expect(settingWarnings(config({}))).toEqual([]);
  });

  test('fact_caching (ANSIBLE_CACHE_PLUGIN) other than memory or jsonfile stops the run: facts would not reach the next run', () => {
    expect(() => refuseUnsupportedSettings(config({ ANSIBLE_CACHE_PLUGIN: 'redis' }))).toThrow('fact_caching = redis (ANSIBLE_CACHE_PLUGIN) is not supported by tsible');
    expect(() => refuseUnsupportedSettings(config({ ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: dir }))).not.toThrow();
    expect(() => refuseUnsupportedSettings(config({ ANSIBLE_CACHE_PLUGIN: 'ansible.builtin.memory' }))).not.toThrow();
    expect(() => refuseUnsupportedSettings(config({}))).not.toThrow();
  });
});
