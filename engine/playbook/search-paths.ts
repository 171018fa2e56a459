import { dirname, join } from 'path';
import { union } from './context';
import { Play, Task } from './types';

/**
 * Where a task's relative file names are looked for (template src, copy src, lookups), in Ansible's
 * order: its role, then the directory of the file the task is written in, then the play's directory;
 * in each, the kind's own subdirectory (`templates`, `files`, `vars`) before the directory itself.
 */
export function searchPaths(task: Task, play: Play, kind?: 'templates' | 'files' | 'vars'): string[] {
  const bases = union(task.role ? [task.role.path] : [], [dirname(task.origin.file)], [play.baseDir]);
  return union(bases.flatMap((base) => (kind ? [join(base, kind), base] : [base])));
}
