import { Block, Keywords, Play, Task } from '../playbook/types';
import { TaskInfo } from '../output/events';

/**
 * A task together with everything it inherits keywords from, innermost first: enclosing blocks, the
 * role, then the play. Ansible resolves most keywords to the nearest definition, but `when` adds up
 * (every enclosing condition must hold) and `environment`/`vars` merge.
 */
export interface TaskFrame {
  task: Task;
  play: Play;
  /** Keywords of enclosing blocks (innermost first), then the role use, then the play. */
  parents: Keywords[];
  /** Enclosing blocks, outermost first: their `vars:` are a precedence layer of their own. */
  blocks: Block[];
  /** Parameters of the include_tasks / include_role that brought this task in. */
  includeParams?: Record<string, unknown>;
  info: TaskInfo;
  isHandler: boolean;
}

/** The nearest definition of an inherited keyword. */
export function keyword(frame: TaskFrame, name: string): unknown {
  if (frame.task.keywords[name] !== undefined) return frame.task.keywords[name];
  for (const p of frame.parents) if (p[name] !== undefined) return p[name];
  return undefined;
}

/**
 * Every `when` that applies, outermost first, as one list of conditions: an `import_playbook … when:`
 * (kept on the play as import_when), then the play's, roles', blocks' and the task's own.
 */
export function conditions(frame: TaskFrame): unknown[] {
  const all: unknown[] = [];
  for (const source of [...frame.parents].reverse().concat(frame.task.keywords)) {
    for (const w of [source.import_when, source.when]) {
      if (w === undefined || w === null) continue;
      if (Array.isArray(w)) all.push(...w);
      else all.push(w);
    }
  }
  return all;
}

/** `environment:` from the play down to the task, later (inner) values winning. */
export function environmentLayers(frame: TaskFrame): unknown[] {
  const layers: unknown[] = [];
  for (const source of [...frame.parents].reverse().concat(frame.task.keywords)) {
    const e = source.environment;
    if (e === undefined || e === null) continue;
    if (Array.isArray(e)) layers.push(...e);
    else layers.push(e);
  }
  return layers;
}
