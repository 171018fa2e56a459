import type { ModuleContext } from '../types';

/** What a run tells a module about itself, besides its own arguments. */
export interface InternalArgsInput {
  ctx: ModuleContext;
  /** The name the task used (`ping`, `ansible.builtin.ping`), as Ansible passes it. */
  moduleName: string;
  ansibleVersion: string;
  remoteTmp: string;
  keepRemoteFiles: boolean;
  noLog: boolean;
}

/** Ansible's defaults for the settings tsible does not read from ansible.cfg. */
const SELINUX_SPECIAL_FS = ['fuse', 'nfs', 'vboxsf', 'ramfs', '9p', 'vfat'];

function isTruthyFlag(v: string | undefined): boolean {
  return /^(1|true|yes|on|y|t)$/i.test(v ?? '');
}

/**
 * The `_ansible_*` arguments AnsibleModule reads (check and diff mode, no_log, verbosity, where it may
 * make temporary files…), with the values Ansible 2.14 passes when pipelining: no per-task tmpdir,
 * so the module makes one under remote_tmp when it needs one and removes it itself.
 */
export function internalArgs(input: InternalArgsInput): Record<string, unknown> {
  const { ctx } = input;
  const verbosity = Number(ctx.vars.ansible_verbosity ?? 0);
  const facility = ctx.vars.ansible_syslog_facility;
  return {
    _ansible_check_mode: ctx.check,
    _ansible_no_log: input.noLog,
    _ansible_debug: isTruthyFlag(process.env.ANSIBLE_DEBUG),
    _ansible_diff: ctx.diff,
    _ansible_verbosity: Number.isFinite(verbosity) ? verbosity : 0,
    _ansible_version: input.ansibleVersion,
    _ansible_module_name: input.moduleName,
    _ansible_syslog_facility: typeof facility === 'string' ? facility : 'LOG_USER',
    _ansible_selinux_special_fs: SELINUX_SPECIAL_FS,
    _ansible_string_conversion_action: 'warn',
    _ansible_socket: ctx.vars.ansible_socket ?? null,
    _ansible_shell_executable: typeof ctx.vars.ansible_shell_executable === 'string' ? ctx.vars.ansible_shell_executable : '/bin/sh',
    _ansible_keep_remote_files: input.keepRemoteFiles,
    _ansible_tmpdir: null,
    _ansible_remote_tmp: input.remoteTmp,
  };
}
