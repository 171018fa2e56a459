import { Config } from '../../config/types';
import { PythonPluginSetup } from './host';
import { varsPluginsWanted, VarsStage } from './vars-plugins';

/** A CLI's Python plug-in setup from ansible.cfg: `basedir` stands for the playbook directory. */
export function pythonPluginSetup(
  config: Config,
  basedir: string | undefined,
  rest: Omit<PythonPluginSetup, 'basedir' | 'varsPlugins'> & { varsStage: VarsStage },
): PythonPluginSetup & { varsStage: VarsStage } {
  const varsPlugins = varsPluginsWanted(config.defaults.vars_plugins ?? [], config.defaults.vars_plugins_enabled ?? [], basedir);
  return { ...rest, basedir, varsPlugins };
}
