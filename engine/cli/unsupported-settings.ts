import { Config } from '../config/types';
import { ExitCode, TsibleError } from '../errors';

/**
 * Settings tsible reads but cannot honour, where going on would give other results than Ansible's: the
 * run stops before anything happens, saying why. (Those that change no result only warn: setting-warnings.ts.)
 */
export function refuseUnsupportedSettings(config: Config): void {
  const cache = config.defaults.fact_caching ?? 'memory';
  if (cache.replace(/^ansible\.builtin\./, '') !== 'memory') {
    throw new TsibleError(`fact_caching = ${cache} (ANSIBLE_CACHE_PLUGIN) is not supported by tsible: facts are kept in memory for one run only, so a later run would not see them`, {
      hint: 'use fact_caching = memory (the default), and gather facts in each run',
      exitCode: ExitCode.badOptions,
    });
  }
}
