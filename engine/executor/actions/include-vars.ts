import { existsSync, readdirSync, statSync } from 'fs';
import { dirname, isAbsolute, join, resolve } from 'path';
import { TsibleError } from '../../errors';
import { loadVarsFile } from '../../inventory/host-group-vars';
import { setOwn } from '../../template/own-keys';
import { ExecutorAction } from './types';

/**
 * include_vars: variables from a YAML/JSON file (or every file of a directory, sorted) for the rest of
 * the play on this host, above play and task vars. Relative names are looked for as Ansible does:
 * the role's vars/, then beside the task's file, then the playbook's directory (each also with vars/).
 */
export const includeVars: ExecutorAction = async ({ frame, host, args, env }) => {
  const role = frame.task.role;
  const taskDir = dirname(frame.task.origin.file);
  const dirs = [...(role ? [join(role.path, 'vars')] : []), join(taskDir, 'vars'), taskDir, join(frame.play.baseDir, 'vars'), frame.play.baseDir];
  const find = (name: string) => (isAbsolute(name) ? [name] : dirs.map((d) => resolve(d, name))).find((p) => existsSync(p));
  const files: string[] = [];
  if (args.dir !== undefined) {
    const dir = find(String(args.dir));
    if (!dir || !statSync(dir).isDirectory()) return { failed: true, changed: false, msg: `${String(args.dir)} directory does not exist` };
    const extensions = (args.extensions as string[] | undefined) ?? ['yaml', 'yml', 'json'];
    for (const f of readdirSync(dir).sort()) if (extensions.some((e) => f.endsWith(`.${e}`))) files.push(join(dir, f));
  } else {
    const name = args.file ?? args._raw_params;
    if (name === undefined) return { failed: true, changed: false, msg: 'one of file, dir or a free-form file name is required' };
    const file = find(String(name));
    if (!file) return { failed: true, changed: false, msg: `Could not find or access '${String(name)}'\nSearched in:\n\t${dirs.join('\n\t')}` };
    files.push(file);
  }
  const loaded: Record<string, unknown> = {};
  for (const f of files) {
    try {
      const vars = loadVarsFile(f) ?? {};
      for (const k of Object.keys(vars)) setOwn(loaded, k, vars[k]);
    } catch (err) {
      if (err instanceof TsibleError) return { failed: true, changed: false, msg: err.message };
      throw err;
    }
  }
  const facts = typeof args.name === 'string' ? { [args.name]: loaded } : loaded;
  env.vars.setIncludedVars(host, facts);
  return { changed: false, ansible_facts: facts, ansible_included_var_files: files };
};
