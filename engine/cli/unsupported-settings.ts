import { Config } from '../config/types';
import { ExitCode, TsibleError } from '../errors';
import { factCachePlugin } from '../vars/fact-cache';

/**
 * Settings tsible reads but cannot honour, where going on would give other results than Ansible's: the
 * run stops before anything happens, saying why. (Those that change no result only warn: setting-warnings.ts.)
 */
export function refuseUnsupportedSettings(config: Config): void {
  factCachePlugin(config);
  if (config.defaults.jinja2_native) {
    throw new TsibleError('jinja2_native = True (ANSIBLE_JINJA2_NATIVE) is not supported by tsible: it templates as Ansible does by default, with jinja2_native off', {
      hint: 'remove jinja2_native from ansible.cfg or ANSIBLE_JINJA2_NATIVE from the environment',
      exitCode: ExitCode.badOptions,
    });
  }
}
