import { SettingType } from './coerce';

export type ConfigSection = 'defaults' | 'privilege_escalation' | 'ssh_connection';

/** What the defaults of path settings are built from: Ansible's home (`ANSIBLE_HOME`, `~/.ansible`). */
export interface DefaultsContext {
  ansibleHome: string;
}

/**
 * One setting as Ansible 2.14 defines it (config/base.yml and the ssh/become plugins' options): where it
 * lands in `Config`, its type and default, and the ini keys and variables it is read from. When several
 * ini keys (or variables) are set, the one listed last wins, as in Ansible.
 */
export interface SettingDef {
  section: ConfigSection;
  name: string;
  type: SettingType;
  default?: string | ((ctx: DefaultsContext) => string);
  ini: Array<[section: string, key: string]>;
  env: string[];
  choices?: string[];
}

const d = (name: string): [string, string] => ['defaults', name];
const pe = (name: string): [string, string] => ['privilege_escalation', name];
const ssh = (name: string): [string, string] => ['ssh_connection', name];

/** Sorted by section, then name. */
export const SETTINGS: readonly SettingDef[] = [
  {
    section: 'defaults', name: 'action_plugins', type: 'pathspec', ini: [d('action_plugins')], env: ['ANSIBLE_ACTION_PLUGINS'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/action:/usr/share/ansible/plugins/action`,
  },
  { section: 'defaults', name: 'ansible_managed', type: 'str', default: 'Ansible managed', ini: [d('ansible_managed')], env: [] },
  { section: 'defaults', name: 'ask_pass', type: 'bool', default: 'no', ini: [d('ask_pass')], env: ['ANSIBLE_ASK_PASS'] },
  {
    section: 'defaults', name: 'bin_ansible_callbacks', type: 'bool', default: 'no', ini: [d('bin_ansible_callbacks')],
    env: ['ANSIBLE_LOAD_CALLBACK_PLUGINS'],
  },
  {
    section: 'defaults', name: 'callbacks_enabled', type: 'list', default: '', ini: [d('callback_whitelist'), d('callbacks_enabled')],
    env: ['ANSIBLE_CALLBACK_WHITELIST', 'ANSIBLE_CALLBACKS_ENABLED'],
  },
  {
    section: 'defaults', name: 'collections_path', type: 'pathspec', ini: [d('collections_paths'), d('collections_path')],
    env: ['ANSIBLE_COLLECTIONS_PATHS', 'ANSIBLE_COLLECTIONS_PATH'],
    default: ({ ansibleHome }) => `${ansibleHome}/collections:/usr/share/ansible/collections`,
  },
  {
    section: 'defaults', name: 'collections_scan_sys_path', type: 'bool', default: 'yes', ini: [d('collections_scan_sys_path')],
    env: ['ANSIBLE_COLLECTIONS_SCAN_SYS_PATH'],
  },
  {
    section: 'defaults', name: 'duplicate_dict_key', type: 'str', default: 'warn', ini: [d('duplicate_dict_key')],
    env: ['ANSIBLE_DUPLICATE_YAML_DICT_KEY'], choices: ['warn', 'error', 'ignore'],
  },
  {
    section: 'defaults', name: 'error_on_missing_handler', type: 'bool', default: 'yes', ini: [d('error_on_missing_handler')],
    env: ['ANSIBLE_ERROR_ON_MISSING_HANDLER'],
  },
  {
    section: 'defaults', name: 'fact_caching', type: 'str', default: 'memory', ini: [d('fact_caching')],
    env: ['ANSIBLE_CACHE_PLUGIN'],
  },
  {
    section: 'defaults', name: 'fact_caching_connection', type: 'path', ini: [d('fact_caching_connection')],
    env: ['ANSIBLE_CACHE_PLUGIN_CONNECTION'],
  },
  {
    section: 'defaults', name: 'fact_caching_prefix', type: 'str', default: 'ansible_facts', ini: [d('fact_caching_prefix')],
    env: ['ANSIBLE_CACHE_PLUGIN_PREFIX'],
  },
  {
    section: 'defaults', name: 'fact_caching_timeout', type: 'int', default: '86400', ini: [d('fact_caching_timeout')],
    env: ['ANSIBLE_CACHE_PLUGIN_TIMEOUT'],
  },
  {
    section: 'defaults', name: 'filter_plugins', type: 'pathspec', ini: [d('filter_plugins')], env: ['ANSIBLE_FILTER_PLUGINS'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/filter:/usr/share/ansible/plugins/filter`,
  },
  { section: 'defaults', name: 'force_handlers', type: 'bool', default: 'no', ini: [d('force_handlers')], env: ['ANSIBLE_FORCE_HANDLERS'] },
  {
    section: 'defaults', name: 'force_valid_group_names', type: 'str', default: 'never', ini: [d('force_valid_group_names')],
    env: ['ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS'], choices: ['always', 'never', 'ignore', 'silently'],
  },
  { section: 'defaults', name: 'forks', type: 'int', default: '5', ini: [d('forks')], env: ['ANSIBLE_FORKS'] },
  {
    section: 'defaults', name: 'gathering', type: 'str', default: 'implicit', ini: [d('gathering')],
    env: ['ANSIBLE_GATHERING'], choices: ['implicit', 'explicit', 'smart'],
  },
  {
    section: 'defaults', name: 'hash_behaviour', type: 'str', default: 'replace', ini: [d('hash_behaviour')],
    env: ['ANSIBLE_HASH_BEHAVIOUR'], choices: ['replace', 'merge'],
  },
  {
    section: 'defaults', name: 'host_key_checking', type: 'bool', default: 'yes',
    ini: [d('host_key_checking'), ssh('host_key_checking')],
    env: ['ANSIBLE_HOST_KEY_CHECKING', 'ANSIBLE_SSH_HOST_KEY_CHECKING'],
  },
  {
    section: 'defaults', name: 'inventory', type: 'pathlist', default: '/etc/ansible/hosts',
    ini: [d('inventory')], env: ['ANSIBLE_INVENTORY'],
  },
  {
    section: 'defaults', name: 'inventory_any_unparsed_is_failed', type: 'bool', default: 'no',
    ini: [['inventory', 'any_unparsed_is_failed']], env: ['ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED'],
  },
  {
    section: 'defaults', name: 'inventory_enabled', type: 'list', default: 'host_list, script, auto, yaml, ini, toml',
    ini: [['inventory', 'enable_plugins']], env: ['ANSIBLE_INVENTORY_ENABLED'],
  },
  {
    section: 'defaults', name: 'inventory_unparsed_is_failed', type: 'bool', default: 'no',
    ini: [['inventory', 'unparsed_is_failed']], env: ['ANSIBLE_INVENTORY_UNPARSED_FAILED'],
  },
  {
    section: 'defaults', name: 'interpreter_python', type: 'str', ini: [d('interpreter_python')], env: ['ANSIBLE_PYTHON_INTERPRETER'],
  },
  { section: 'defaults', name: 'jinja2_native', type: 'bool', default: 'no', ini: [d('jinja2_native')], env: ['ANSIBLE_JINJA2_NATIVE'] },
  // Python modules' packages stay on the host after the run, as Ansible keeps its module files for debugging.
  { section: 'defaults', name: 'keep_remote_files', type: 'bool', default: 'no', ini: [d('keep_remote_files')], env: ['ANSIBLE_KEEP_REMOTE_FILES'] },
  {
    section: 'defaults', name: 'library', type: 'pathspec', ini: [d('library')], env: ['ANSIBLE_LIBRARY'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/modules:/usr/share/ansible/plugins/modules`,
  },
  {
    section: 'defaults', name: 'lookup_plugins', type: 'pathspec', ini: [d('lookup_plugins')], env: ['ANSIBLE_LOOKUP_PLUGINS'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/lookup:/usr/share/ansible/plugins/lookup`,
  },
  { section: 'defaults', name: 'no_log', type: 'bool', default: 'no', ini: [d('no_log')], env: ['ANSIBLE_NO_LOG'] },
  { section: 'defaults', name: 'playbook_dir', type: 'path', ini: [d('playbook_dir')], env: ['ANSIBLE_PLAYBOOK_DIR'] },
  // No variable: ansible-core 2.14 reads this one from ansible.cfg only.
  { section: 'defaults', name: 'plugin_filters_cfg', type: 'path', ini: [d('plugin_filters_cfg')], env: [] },
  {
    section: 'defaults', name: 'private_key_file', type: 'path', ini: [d('private_key_file')],
    env: ['ANSIBLE_PRIVATE_KEY_FILE'],
  },
  // A path on the host: kept as written, so ~ is the remote (become) user's home, not expanded here.
  { section: 'defaults', name: 'remote_tmp', type: 'str', default: '~/.ansible/tmp', ini: [d('remote_tmp')], env: ['ANSIBLE_REMOTE_TMP'] },
  { section: 'defaults', name: 'remote_user', type: 'str', ini: [d('remote_user')], env: ['ANSIBLE_REMOTE_USER'] },
  {
    section: 'defaults', name: 'retry_files_enabled', type: 'bool', default: 'no', ini: [d('retry_files_enabled')],
    env: ['ANSIBLE_RETRY_FILES_ENABLED'],
  },
  {
    section: 'defaults', name: 'roles_path', type: 'pathspec', ini: [d('roles_path')], env: ['ANSIBLE_ROLES_PATH'],
    default: ({ ansibleHome }) => `${ansibleHome}/roles:/usr/share/ansible/roles:/etc/ansible/roles`,
  },
  {
    section: 'defaults', name: 'show_custom_stats', type: 'bool', default: 'no', ini: [d('show_custom_stats')],
    env: ['ANSIBLE_SHOW_CUSTOM_STATS'],
  },
  {
    section: 'defaults', name: 'stdout_callback', type: 'str', default: 'default', ini: [d('stdout_callback')],
    env: ['ANSIBLE_STDOUT_CALLBACK'],
  },
  {
    section: 'defaults', name: 'test_plugins', type: 'pathspec', ini: [d('test_plugins')], env: ['ANSIBLE_TEST_PLUGINS'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/test:/usr/share/ansible/plugins/test`,
  },
  {
    section: 'defaults', name: 'timeout', type: 'int', default: '10', ini: [d('timeout'), ssh('timeout')],
    env: ['ANSIBLE_TIMEOUT', 'ANSIBLE_SSH_TIMEOUT'],
  },
  { section: 'defaults', name: 'transport', type: 'str', default: 'smart', ini: [d('transport')], env: ['ANSIBLE_TRANSPORT'] },
  {
    section: 'defaults', name: 'vars_plugins', type: 'pathspec', ini: [d('vars_plugins')], env: ['ANSIBLE_VARS_PLUGINS'],
    default: ({ ansibleHome }) => `${ansibleHome}/plugins/vars:/usr/share/ansible/plugins/vars`,
  },
  {
    section: 'defaults', name: 'vars_plugins_enabled', type: 'list', default: 'host_group_vars', ini: [d('vars_plugins_enabled')],
    env: ['ANSIBLE_VARS_ENABLED'],
  },
  { section: 'defaults', name: 'vault_id_match', type: 'bool', default: 'no', ini: [d('vault_id_match')], env: ['ANSIBLE_VAULT_ID_MATCH'] },
  {
    section: 'defaults', name: 'vault_identity_list', type: 'list', default: '', ini: [d('vault_identity_list')],
    env: ['ANSIBLE_VAULT_IDENTITY_LIST'],
  },
  {
    section: 'defaults', name: 'vault_password_file', type: 'path', ini: [d('vault_password_file')],
    env: ['ANSIBLE_VAULT_PASSWORD_FILE'],
  },
  { section: 'defaults', name: 'verbosity', type: 'int', default: '0', ini: [d('verbosity')], env: ['ANSIBLE_VERBOSITY'] },
  { section: 'privilege_escalation', name: 'become', type: 'bool', default: 'no', ini: [pe('become')], env: ['ANSIBLE_BECOME'] },
  {
    section: 'privilege_escalation', name: 'become_ask_pass', type: 'bool', default: 'no', ini: [pe('become_ask_pass')],
    env: ['ANSIBLE_BECOME_ASK_PASS'],
  },
  {
    section: 'privilege_escalation', name: 'become_method', type: 'str', default: 'sudo', ini: [pe('become_method')],
    env: ['ANSIBLE_BECOME_METHOD'],
  },
  {
    section: 'privilege_escalation', name: 'become_user', type: 'str', default: 'root', ini: [pe('become_user')],
    env: ['ANSIBLE_BECOME_USER'],
  },
  {
    section: 'ssh_connection', name: 'pipelining', type: 'bool', default: 'no',
    ini: [d('pipelining'), ['connection', 'pipelining'], ssh('pipelining')],
    env: ['ANSIBLE_PIPELINING', 'ANSIBLE_SSH_PIPELINING'],
  },
  {
    section: 'ssh_connection', name: 'retries', type: 'int', default: '0',
    ini: [['connection', 'retries'], ssh('retries')], env: ['ANSIBLE_SSH_RETRIES'],
  },
  { section: 'ssh_connection', name: 'scp_if_ssh', type: 'str', default: 'smart', ini: [ssh('scp_if_ssh')], env: ['ANSIBLE_SCP_IF_SSH'] },
  {
    section: 'ssh_connection', name: 'ssh_args', type: 'str', default: '-C -o ControlMaster=auto -o ControlPersist=60s',
    ini: [ssh('ssh_args')], env: ['ANSIBLE_SSH_ARGS'],
  },
  {
    section: 'ssh_connection', name: 'ssh_common_args', type: 'str', default: '', ini: [ssh('ssh_common_args')],
    env: ['ANSIBLE_SSH_COMMON_ARGS'],
  },
  {
    section: 'ssh_connection', name: 'ssh_extra_args', type: 'str', default: '', ini: [ssh('ssh_extra_args')],
    env: ['ANSIBLE_SSH_EXTRA_ARGS'],
  },
];

/** Ansible's own home, which other defaults hang off; read before the rest. */
export const ANSIBLE_HOME: SettingDef = {
  section: 'defaults', name: 'home', type: 'path', default: '~/.ansible', ini: [d('home')], env: ['ANSIBLE_HOME'],
};

/**
 * A setting as the chosen become plugin reads it: for become_user, ansible-core's sudo and su plugins also take their own
 * `[sudo_become_plugin] user` / ANSIBLE_SUDO_USER (su likewise), which win over the generic ones.
 */
export function becomeUserSetting(def: SettingDef, method: string): SettingDef {
  if (def.name !== 'become_user' || (method !== 'sudo' && method !== 'su')) return def;
  return {
    ...def,
    ini: [...def.ini, [`${method}_become_plugin`, 'user']],
    env: [...def.env, `ANSIBLE_${method.toUpperCase()}_USER`],
  };
}
