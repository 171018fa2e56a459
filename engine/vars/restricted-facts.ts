/**
 * Facts a host returned that Ansible keeps out of the top-level variables: a module's fact must not decide how
 * tsible reaches the host, becomes another user or runs Python there. They stay under `ansible_facts`.
 */

/** Connection, become and shell settings Ansible reads from variables of these names. */
const CONNECTION_VARS = new Set([
  'ansible_connection', 'ansible_module_compression', 'ansible_shell_type', 'ansible_shell_executable',
  'ansible_ssh_host', 'ansible_host', 'ansible_ssh_user', 'ansible_user', 'ansible_ssh_pass', 'ansible_password',
  'ansible_ssh_port', 'ansible_port', 'ansible_ssh_pipelining', 'ansible_pipelining', 'ansible_ssh_timeout', 'ansible_timeout',
  'ansible_ssh_private_key_file', 'ansible_private_key_file', 'ansible_network_os', 'ansible_connection_user',
  'ansible_ssh_executable', 'ansible_ssh_common_args', 'ansible_sftp_extra_args', 'ansible_scp_extra_args',
  'ansible_ssh_extra_args', 'ansible_ssh_transfer_method', 'ansible_docker_extra_args',
  'ansible_become', 'ansible_become_method', 'ansible_become_user', 'ansible_become_password', 'ansible_become_pass',
  'ansible_become_exe', 'ansible_become_flags',
  // Ansible's own result keys, never variables.
  'ansible_rsync_path', 'ansible_playbook_python', 'ansible_facts', 'add_host', 'add_group',
]);

/** Options of ansible-core's connection plugins (`ansible_ssh_args`…), except the network devices containers make. */
const CONNECTION_OPTION = /^ansible_(local|paramiko_ssh|psrp|ssh|winrm)_(?!.*_(gw)?bridge$)/;

/** Whether a fact of this name stays out of the top-level variables (ssh host keys are facts like any other). */
export function isRestrictedFact(name: string): boolean {
  if (name.startsWith('ansible_ssh_host_key_')) return false;
  return (
    CONNECTION_VARS.has(name) ||
    CONNECTION_OPTION.test(name) ||
    name.startsWith('ansible_become_') ||
    /^ansible_.*_interpreter$/.test(name)
  );
}

/** A fact that becomes a top-level variable: neither restricted nor one of Ansible's internal `_ansible_` keys. */
export function isInjectedFact(name: string): boolean {
  return !isRestrictedFact(name) && !name.startsWith('_ansible_');
}

/** The message Ansible shows for each fact it keeps out of the variables. */
export function restrictedFactWarning(name: string): string {
  return `Removed restricted key from module data: ${name}`;
}
