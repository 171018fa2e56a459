import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { loadConfig } from '../../engine/config/ansible-cfg';
import { Config } from '../../engine/config/types';

/** Our setting → the name `ansible-config dump -t all` prints it under; `become:` is the become plugin in force. */
const NAMES: Record<string, string> = {
  'defaults.inventory': 'DEFAULT_HOST_LIST',
  'defaults.callbacks_enabled': 'CALLBACKS_ENABLED',
  'defaults.force_handlers': 'DEFAULT_FORCE_HANDLERS',
  'defaults.remote_user': 'DEFAULT_REMOTE_USER',
  'defaults.private_key_file': 'DEFAULT_PRIVATE_KEY_FILE',
  'defaults.host_key_checking': 'connection:ssh:host_key_checking',
  'defaults.forks': 'DEFAULT_FORKS',
  'defaults.timeout': 'connection:ssh:timeout',
  'defaults.roles_path': 'DEFAULT_ROLES_PATH',
  'defaults.library': 'DEFAULT_MODULE_PATH',
  'defaults.gathering': 'DEFAULT_GATHERING',
  'defaults.stdout_callback': 'DEFAULT_STDOUT_CALLBACK',
  'defaults.vault_password_file': 'DEFAULT_VAULT_PASSWORD_FILE',
  'defaults.retry_files_enabled': 'RETRY_FILES_ENABLED',
  'defaults.verbosity': 'DEFAULT_VERBOSITY',
  'privilege_escalation.become': 'DEFAULT_BECOME',
  'privilege_escalation.become_method': 'DEFAULT_BECOME_METHOD',
  'privilege_escalation.become_user': 'become:become_user',
  'privilege_escalation.become_ask_pass': 'DEFAULT_BECOME_ASK_PASS',
  'ssh_connection.pipelining': 'connection:ssh:pipelining',
  'ssh_connection.retries': 'connection:ssh:reconnection_retries',
  'ssh_connection.ssh_args': 'connection:ssh:ssh_args',
  'ssh_connection.ssh_common_args': 'connection:ssh:ssh_common_args',
  'ssh_connection.scp_if_ssh': 'connection:ssh:scp_if_ssh',
};

const haveAnsible = spawnSync('ansible-config', ['--version']).status === 0;
const maybe = haveAnsible ? describe : describe.skip;

interface Dumped {
  value: unknown;
  origin: string;
}

/** Python's repr of a config value, back into JS. */
function fromRepr(text: string): unknown {
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return undefined;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text.startsWith('[')) return [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
  return text;
}

/**
 * Everything `ansible-config dump -t all` prints, keyed by name: core settings bare, plugin ones as
 * `type:plugin:name` (e.g. `connection:ssh:timeout`). One run: ansible-config is slow to start.
 */
async function dump(cwd: string, env: NodeJS.ProcessEnv): Promise<Map<string, Dumped>> {
  const { stdout } = await promisify(execFile)('ansible-config', ['dump', '-t', 'all'], { cwd, env });
  const out = new Map<string, Dumped>();
  const lines = stdout.split('\n');
  let prefix = '';
  let type = '';
  lines.forEach((line, i) => {
    const underline = lines[i + 1] ?? '';
    if (/^=+$/.test(underline)) type = line.replace(/:$/, '').toLowerCase();
    if (/^_+$/.test(underline)) prefix = `${type}:${line.replace(/:$/, '')}:`;
    const m = /^(\w+)\((.*?)\) = (.*)$/.exec(line);
    if (m) out.set(prefix + m[1], { value: fromRepr(m[3]), origin: m[2] });
  });
  return out;
}

function ours(cfg: Config, key: string): unknown {
  const [section, name] = key.split('.') as [keyof Config, string];
  return (cfg[section] as Record<string, unknown>)[name];
}

function originOf(cfg: Config, key: string): string {
  const source = cfg.sources[key];
  if (!source) return 'default';
  return 'env' in source ? `env: ${source.env}` : source.file;
}

/** Loads with tsible and dumps with Ansible under the same cwd, HOME and variables; compares every setting. */
async function compare(cwd: string, home: string, extraEnv: Record<string, string>): Promise<void> {
  const env = { PATH: process.env.PATH, HOME: home, ...extraEnv };
  const cfg = loadConfig({ cwd, env, home, systemFile: '/nonexistent/ansible.cfg' });
  const theirs = await dump(cwd, env);
  expect(cfg.file).toBe(theirs.get('CONFIG_FILE')?.value);
  for (const [key, name] of Object.entries(NAMES)) {
    const expected = theirs.get(name.replace(/^become:/, `become:${cfg.privilege_escalation.become_method}:`));
    expect({ key, dumped: expected !== undefined }).toEqual({ key, dumped: true });
    expect({ key, value: ours(cfg, key), origin: originOf(cfg, key) }).toEqual({
      key,
      value: expected?.value,
      origin: expected?.origin,
    });
  }
}

const CFG = `[DEFAULT]
timeout = 44
[defaults]
# full-line comment
; another one
inventory = hosts, other/hosts2 ; an inline comment
REMOTE_USER: 'deploy'
private_key_file = keys/id_rsa
host_key_checking = yes
forks = 7
roles_path = roles:~/myroles::/abs/roles
library = $HOME/lib
gathering = smart
stdout_callback = yaml # not a comment in ansible.cfg
vault_password_file = ~/vault.txt
retry_files_enabled = on
callback_whitelist = timer
callbacks_enabled = profile_tasks, 'junit'
force_handlers = true
pipelining = yes
nocows = 1
[privilege_escalation]
become = 1
become_method = su
become_user = admin
become_ask_pass = TRUE
[su_become_plugin]
user = operator
[connection]
retries = 2
[ssh_connection]
host_key_checking = no
scp_if_ssh = yes
ssh_common_args = -o ProxyJump=bastion
pipelining = no
`;

maybe('ansible.cfg and ANSIBLE_* read as ansible-config dump reads them', () => {
  jest.setTimeout(30_000);
  let root: string;
  let home: string;
  let project: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-cfg-'));
    home = path.join(root, 'home');
    project = path.join(root, 'project');
    fs.mkdirSync(home);
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'ansible.cfg'), CFG);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('every setting from a cfg in the working directory, with aliases, comments and relative paths', async () => {
    await compare(project, home, {});
  });

  test('variables beat the file; an empty variable falls back to the default', async () => {
    await compare(project, home, {
      ANSIBLE_FORKS: '12',
      ANSIBLE_HOST_KEY_CHECKING: 'no',
      ANSIBLE_SSH_HOST_KEY_CHECKING: 'yes',
      ANSIBLE_INVENTORY: 'a,b',
      ANSIBLE_ROLES_PATH: 'r1',
      ANSIBLE_TIMEOUT: '',
      ANSIBLE_BECOME: '',
      ANSIBLE_SSH_ARGS: '-o X=1',
      ANSIBLE_VERBOSITY: '2',
      ANSIBLE_BECOME_METHOD: 'sudo',
      ANSIBLE_SUDO_USER: 'app',
      ANSIBLE_CALLBACKS_ENABLED: 'a,b',
      ANSIBLE_FORCE_HANDLERS: 'no',
    });
  });

  test('no cfg anywhere: defaults, ANSIBLE_HOME and cwd-relative paths from variables', async () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    await compare(empty, home, {
      ANSIBLE_HOME: 'h',
      ANSIBLE_PRIVATE_KEY_FILE: 'rel/key',
      ANSIBLE_PIPELINING: 'True',
      ANSIBLE_SSH_RETRIES: '4',
    });
  });

  test('ANSIBLE_CONFIG naming a directory beats ./ansible.cfg; ~/.ansible.cfg is the fallback', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    fs.writeFileSync(path.join(elsewhere, 'ansible.cfg'), '[defaults]\nforks = 3\n');
    fs.writeFileSync(path.join(home, '.ansible.cfg'), '[defaults]\nforks = 4\n');
    await compare(project, home, { ANSIBLE_CONFIG: elsewhere });
    await compare(path.join(root, 'empty'), home, {});
    fs.rmSync(path.join(home, '.ansible.cfg'));
  });

  test('an ansible.cfg in a world-writable working directory is skipped, with a warning', async () => {
    const open = path.join(root, 'open');
    fs.mkdirSync(open, { recursive: true });
    fs.chmodSync(open, 0o777);
    fs.writeFileSync(path.join(open, 'ansible.cfg'), '[defaults]\nforks = 9\n');
    await compare(open, home, {});
    const cfg = loadConfig({ cwd: open, env: { HOME: home }, home, systemFile: '/nonexistent/ansible.cfg' });
    expect(cfg.warnings).toEqual([expect.stringContaining(`world writable directory (${open})`)]);
  });
});
