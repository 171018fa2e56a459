import { Config } from '../config/types';
import { factCachePlugin } from '../vars/fact-cache';

/**
 * Settings tsible reads but cannot honour, where going on would give other results than Ansible's: the
 * run stops before anything happens, saying why. (Those that change no result only warn: setting-warnings.ts.)
 */
export function refuseUnsupportedSettings(config: Config): void {
  factCachePlugin(config);
}
