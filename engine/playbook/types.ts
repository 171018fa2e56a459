import { Origin } from '../errors';

/**
 * A loaded playbook: what the executor runs and what `--list-*` prints. Keyword values are kept as
 * written (templating happens per host at run time); every node keeps the origin of its source.
 */

/** Keywords as written on a play, block or task, minus the ones modelled as fields. */
export type Keywords = Record<string, unknown>;

export interface Task {
  kind: 'task';
  /** The name as written (may hold `{{ }}`), undefined when unnamed. */
  name?: string;
  /** Resolved short module/action name: `ansible.builtin.copy` → `copy`. */
  action: string;
  /** The action as the user wrote it, shown for unnamed tasks by `--list-tasks`. */
  actionAsWritten: string;
  args: Record<string, unknown>;
  keywords: Keywords;
  /** Own tags plus those inherited from enclosing blocks, roles, imports and the play (as written). */
  tags: string[];
  /** Handler names or listen topics notified on change. */
  notify: string[];
  /** For handlers: the topics this handler also answers to. */
  listen?: string[];
  /** The role this task belongs to, if any. */
  role?: Role;
  /** `loop`, or the lookup name and terms of a `with_<lookup>`. */
  loop?: { with?: string; items: unknown };
  /** The `collections:` search list in force (see Scope), for the tasks a dynamic include brings in. */
  collections?: string[];
  origin: Origin;
}

export interface Block {
  kind: 'block';
  name?: string;
  block: (Block | Task)[];
  rescue: (Block | Task)[];
  always: (Block | Task)[];
  keywords: Keywords;
  tags: string[];
  role?: Role;
  origin: Origin;
  /** For the tasks of a static `include`: its vars, include params (above set_fact) as in Ansible. */
  includeParams?: Record<string, unknown>;
}

export type TaskOrBlock = Block | Task;

export interface Role {
  name: string;
  /** The role's directory. */
  path: string;
  /** Parameters given where the role is used (`- role: x` with `port: 80`). */
  params: Record<string, unknown>;
  /** `vars:` given where the role is used. */
  useVars: Record<string, unknown>;
  defaults: Record<string, unknown>;
  vars: Record<string, unknown>;
  tasks: TaskOrBlock[];
  handlers: TaskOrBlock[];
  /** Roles from meta/main.yml dependencies, loaded before this one runs. */
  dependencies: Role[];
  /** The roles whose include_role/import_role brought this one in, nearest first (ansible_parent_role_names). */
  parents: Role[];
  allowDuplicates: boolean;
  /** The role whose meta dependencies brought this one in: run only where the same role has not run yet. */
  dependencyOf?: Role;
  keywords: Keywords;
  tags: string[];
  origin: Origin;
}

/** One vars_prompt entry as written; every field but `name` may use variables, so it is templated when the play starts. */
export interface VarsPrompt {
  name: string;
  /** Absent: the name is the question. Given but empty: Ansible asks `input for <name>`. */
  prompt?: unknown;
  default?: unknown;
  /** Answers are not echoed unless this is false (the default is true). */
  private?: unknown;
  /** Asked twice until both answers match. */
  confirm?: unknown;
  /** A crypt scheme (sha512_crypt, sha256_crypt): the answer is kept hashed, as password_hash would. */
  encrypt?: unknown;
  salt?: unknown;
  saltSize?: unknown;
  /** The answer is never templated. */
  unsafe?: unknown;
  origin: Origin;
}

export interface Play {
  /** The name as written, or the hosts joined by ',' as Ansible shows an unnamed play. */
  name: string;
  named: boolean;
  hosts: string[];
  keywords: Keywords;
  vars: Record<string, unknown>;
  varsFiles: unknown[];
  varsPrompt: VarsPrompt[];
  roles: Role[];
  preTasks: TaskOrBlock[];
  tasks: TaskOrBlock[];
  postTasks: TaskOrBlock[];
  handlers: TaskOrBlock[];
  /** Roles its tasks import (import_role): their handlers run after the play's own. */
  importedRoles: Role[];
  tags: string[];
  /** The playbook file this play was written in and its directory (imports have their own). */
  file: string;
  baseDir: string;
  origin: Origin;
}

export interface Playbook {
  file: string;
  baseDir: string;
  plays: Play[];
}
