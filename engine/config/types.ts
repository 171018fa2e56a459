import { Origin } from '../errors';
import type { GroupNameRule } from '../inventory/group-name-rule';

/**
 * Settings from ansible.cfg and ANSIBLE_* variables, after normalisation (paths absolute, types coerced).
 * Names follow Ansible's ini keys. `sources` says where each setting that was not a default came from.
 */
export interface Config {
  /** The ansible.cfg in force, or undefined when none was found. */
  file?: string;
  defaults: {
    inventory: string[];
    /** LOAD_CALLBACK_PLUGINS: ad-hoc runs use stdout_callback too (otherwise always minimal, or oneline with -o). */
    bin_ansible_callbacks?: boolean;
    /** Callback plugins besides the stdout one; tsible has none, so each named is reported as not loaded. */
    callbacks_enabled?: string[];
    /** Notified handlers run on hosts that failed (--force-handlers, a play's force_handlers). */
    force_handlers?: boolean;
    /** The text of a template's `ansible_managed` before {host}/{uid}/{file} and strftime codes are filled in. */
    ansible_managed?: string;
    /** A notify naming no handler stops the run (true) or only warns. */
    error_on_missing_handler?: boolean;
    /** TRANSFORM_INVALID_GROUP_CHARS: whether invalid characters in group names are replaced, and who is told. */
    force_valid_group_names?: GroupNameRule;
    remote_user?: string;
    /** PLUGIN_FILTERS_CFG: a YAML file listing modules tasks may not use (see plugin-filters.ts). */
    plugin_filters_cfg?: string;
    private_key_file?: string;
    host_key_checking: boolean;
    /** INVENTORY_ENABLED ([inventory] enable_plugins): the inventory plug-ins that may read sources, in order. */
    inventory_enabled?: string[];
    /** INVENTORY_UNPARSED_IS_FAILED / INVENTORY_ANY_UNPARSED_IS_FAILED: no source, or any one, unreadable stops the command. */
    inventory_unparsed_is_failed?: boolean;
    inventory_any_unparsed_is_failed?: boolean;
    forks: number;
    timeout: number;
    roles_path: string[];
    library: string[];
    /** Where collections are installed (collections_path(s)); the playbook's collections/ comes first. */
    collections_path?: string[];
    /** Whether the controller Python's import path is searched for collections too. */
    collections_scan_sys_path?: boolean;
    /** Where Python action plug-ins are looked for, besides the playbook's and roles' action_plugins/. */
    action_plugins?: string[];
    /** Where Python filter, test and lookup plug-ins are looked for, besides the playbook's and roles' own. */
    filter_plugins?: string[];
    test_plugins?: string[];
    lookup_plugins?: string[];
    /** Python vars plug-ins besides host_group_vars: where they are, and the ones that must be named to run. */
    vars_plugins?: string[];
    vars_plugins_enabled?: string[];
    /** Stands for the playbook directory in tsible-inventory and ad-hoc runs (--playbook-dir's default). */
    playbook_dir?: string;
    gathering: 'implicit' | 'explicit' | 'smart';
    stdout_callback: string;
    vault_password_file?: string;
    /** `label@source` vault identities read before the command line's (ANSIBLE_VAULT_IDENTITY_LIST). */
    vault_identity_list?: string[];
    /** Only the secrets labelled as the vault text is are tried (ANSIBLE_VAULT_ID_MATCH). */
    vault_id_match?: boolean;
    retry_files_enabled: boolean;
    /** The fact cache plugin: memory (facts kept for the run) or jsonfile (a file per host, across runs). */
    fact_caching?: string;
    /** jsonfile's directory. */
    fact_caching_connection?: string;
    /** Starts each cache file's name (`ansible_facts` unless set). */
    fact_caching_prefix?: string;
    /** Seconds a cached host's facts stay valid; 0 keeps them for ever. */
    fact_caching_timeout?: number;
    /** The default and json callbacks show set_stats' statistics. */
    show_custom_stats?: boolean;
    /** Where Python modules are sent on a host, unless ansible_remote_tmp says otherwise. */
    remote_tmp?: string;
    /** Python modules' packages are left on the hosts after the run. */
    keep_remote_files?: boolean;
    /** DEFAULT_NO_LOG: no_log for every task that does not set its own. */
    no_log?: boolean;
    /** ANSIBLE_VERBOSITY: where -v counting starts. */
    verbosity?: number;
    ask_pass?: boolean;
    /** The default connection (-c), `smart` unless set. */
    transport?: string;
    /** Whether a dict variable defined in several places is replaced by the last one (default) or merged. */
    hash_behaviour?: 'replace' | 'merge';
    /** Jinja2's native types mode; tsible templates only as Ansible's default (off) does, so on is refused. */
    jinja2_native?: boolean;
    /** The hosts' Python (or discovery mode) where ansible_python_interpreter is not set. */
    interpreter_python?: string;
    /** What a key given twice in a YAML mapping does: warn (default), error or ignore. */
    duplicate_dict_key?: 'warn' | 'error' | 'ignore';
  };
  privilege_escalation: {
    become: boolean;
    become_method: string;
    become_user: string;
    become_ask_pass: boolean;
  };
  ssh_connection: {
    pipelining: boolean;
    ssh_args?: string;
    ssh_common_args?: string;
    scp_if_ssh?: string;
    retries: number;
    ssh_extra_args?: string;
  };
  sources: Record<string, Origin | { env: string }>;
  /** Always shown to the user, e.g. an ansible.cfg skipped in a world-writable directory. */
  warnings?: string[];
  /** Keys set in the file that tsible does not read (Ansible may): warned about, see setting-warnings.ts. */
  ignored_settings?: Array<{ section: string; key: string; origin: Origin }>;
}
