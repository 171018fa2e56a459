import { Block, Play, TaskOrBlock } from './types';

/** `--tags` / `--skip-tags` as given on the command line; `only` defaults to ['all']. */
export interface TagSelection {
  only: string[];
  skip: string[];
}

/**
 * Whether a task with these (effective) tags runs under a selection, with Ansible's special tags:
 * `always` runs unless skipped explicitly, `never` only when asked for by name, `tagged`/`untagged`
 * match tasks with/without tags, `all` matches everything but `never`.
 */
export function shouldRun(tags: string[], sel: TagSelection): boolean {
  const own = new Set(tags.length ? tags : ['untagged']);
  const untagged = tags.length === 0;
  const hits = (list: string[]) => list.some((t) => own.has(t));
  let run = true;
  if (sel.only.length) {
    run =
      own.has('always') ||
      (sel.only.includes('all') && !own.has('never')) ||
      hits(sel.only) ||
      (sel.only.includes('tagged') && !untagged && !own.has('never'));
  }
  if (run && sel.skip.length) {
    if (sel.skip.includes('all')) run = own.has('always') && !sel.skip.includes('always');
    else if (hits(sel.skip)) run = false;
    else if (sel.skip.includes('tagged') && !untagged) run = false;
  }
  return run;
}

/** A play's task list with unselected tasks removed and blocks left empty dropped. */
export function filterTagged(items: TaskOrBlock[], play: Play, sel: TagSelection): TaskOrBlock[] {
  const out: TaskOrBlock[] = [];
  for (const item of items) {
    if (item.kind === 'task') {
      if (shouldRun(effectiveTags(item.tags, play), sel)) out.push(item);
      continue;
    }
    const block: Block = {
      ...item,
      block: filterTagged(item.block, play, sel),
      rescue: filterTagged(item.rescue, play, sel),
      always: filterTagged(item.always, play, sel),
    };
    if (block.block.length || block.rescue.length || block.always.length) out.push(block);
  }
  return out;
}

/** A task's tags with its play's (an imported play's tags are only on the play). */
function effectiveTags(tags: string[], play: Play): string[] {
  return [...new Set([...play.tags, ...tags])];
}
