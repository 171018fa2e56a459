import { Option } from 'commander';
import { ExitCode, TsibleError } from '../errors';
import type { Flag } from './option-flags';

/**
 * Flags Ansible has and tsible takes (so the command lines of Ansible users parse) but cannot honour:
 * given, they stop the run before anything happens, saying why, rather than being quietly ignored.
 */
export const UNSUPPORTED_FLAGS: Record<string, string> = {
  '--scp-extra-args': 'tsible copies files over its own ssh connection, without scp',
  '--sftp-extra-args': 'tsible copies files over its own ssh connection, without sftp',
  '--tree': 'tsible has no tree callback; use ANSIBLE_STDOUT_CALLBACK=json and save the output',
};

/** Throws for the first unsupported flag given (a count or -B of 0 counts as not given, as for Ansible). */
export function refuseUnsupported(flags: Flag[], raw: Record<string, unknown>): void {
  for (const flag of flags) {
    const option = new Option(flag.flags);
    const why = option.long === undefined ? undefined : UNSUPPORTED_FLAGS[option.long];
    const value = raw[option.attributeName()];
    if (why === undefined || value === undefined || value === false || value === 0) continue;
    throw new TsibleError(`${option.long} is not supported by tsible: ${why}`, { exitCode: ExitCode.badOptions });
  }
}
