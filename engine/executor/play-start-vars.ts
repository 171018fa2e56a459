import { existsSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import { loadPlayVarsFile } from '../inventory/host-group-vars';
import { rolesToRun } from '../playbook/roles';
import { Play } from '../playbook/types';
import { ExecutorEnv } from './env';

/**
 * Keywords of plays, roles, blocks and tasks, and the globals of Ansible's Jinja environment: a variable
 * named like one of them works, but Ansible warns because it is easily confused with the keyword.
 */
const RESERVED = new Set([
  'action', 'always', 'any_errors_fatal', 'args', 'async', 'async_val', 'become', 'become_exe', 'become_flags',
  'become_method', 'become_user', 'block', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger',
  'delay', 'delegate_facts', 'delegate_to', 'diff', 'environment', 'fact_path', 'failed_when', 'force_handlers',
  'gather_facts', 'gather_subset', 'gather_timeout', 'handlers', 'hosts', 'ignore_errors', 'ignore_unreachable',
  'local_action', 'loop', 'loop_control', 'loop_with', 'max_fail_percentage', 'module_defaults', 'name', 'no_log',
  'notify', 'order', 'poll', 'port', 'post_tasks', 'pre_tasks', 'register', 'remote_user', 'rescue', 'retries',
  'roles', 'run_once', 'serial', 'strategy', 'tags', 'tasks', 'throttle', 'timeout', 'until', 'vars_files',
  'vars_prompt', 'when', 'with_',
  'cycler', 'dict', 'joiner', 'lipsum', 'lookup', 'namespace', 'now', 'q', 'query', 'range', 'undef',
]);

/**
 * What Ansible reads of a play before its first host, as the play starts: the vars_files it can name
 * without a host (a broken one stops the run here, before the play's banner), and every variable the
 * play, its roles and the extra vars define, warning about names reserved for keywords.
 */
export function readPlayVarsAtStart(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): void {
  const names = new Set([
    ...rolesToRun(play.roles).flatMap((r) => [...Object.keys(r.defaults), ...Object.keys(r.vars)]),
    ...Object.keys(play.vars),
    ...varsFilesWithoutHost(play, env, scope).flatMap((v) => Object.keys(v)),
    ...Object.keys(env.options.extraVars),
  ]);
  for (const name of [...names].filter((n) => RESERVED.has(n)).sort()) {
    env.emit({ kind: 'warning', message: `Found variable using reserved name: ${name}` });
  }
}

/** Files whose names need a host's variables, or that do not exist yet, are left for when each host reads them. */
function varsFilesWithoutHost(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): Record<string, unknown>[] {
  const vars = { playbook_dir: play.baseDir, ...play.vars, ...scope };
  const loaded: Record<string, unknown>[] = [];
  for (const entry of play.varsFiles) {
    let candidates: string[];
    try {
      candidates = (Array.isArray(entry) ? entry : [entry]).map((e) => String(env.templar.template(e, vars, { origin: play.origin })));
    } catch {
      continue;
    }
    const file = findVarsFile(candidates, play.baseDir);
    if (file) loaded.push(loadPlayVarsFile(file));
  }
  return loaded;
}

/**
 * The first of a vars_files entry's names that exists. A relative name is looked for as Ansible does:
 * under the play's vars/ directory first, then beside the play.
 */
export function findVarsFile(names: string[], baseDir: string): string | undefined {
  const paths = names.flatMap((n) => (isAbsolute(n) ? [n] : [resolve(baseDir, 'vars', n), resolve(baseDir, n)]));
  return paths.find((p) => existsSync(p));
}
