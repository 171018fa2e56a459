import { roleTasks } from './roles';
import { filterTagged, TagSelection } from './tags';
import { Play, Playbook, Task, TaskOrBlock } from './types';

/** What `--list-hosts` / `--list-tasks` / `--list-tags` print, as ansible-playbook lays it out. */
export interface ListingRequest {
  hosts: boolean;
  tasks: boolean;
  tags: boolean;
  selection: TagSelection;
  /** Hosts a play targets (inventory order, --limit applied). */
  hostsOf: (play: Play) => string[];
}

/** The tasks of a play in run order: pre_tasks, roles (dependencies first), tasks, post_tasks. */
export function compilePlay(play: Play): TaskOrBlock[] {
  return [...play.preTasks, ...play.roles.flatMap(roleTasks), ...play.tasks, ...play.postTasks];
}

/** The listing text for one playbook as `shownAs` (the path as the user typed it), ending with a newline. */
export function listPlaybook(book: Playbook, shownAs: string, req: ListingRequest): string {
  let out = `\nplaybook: ${shownAs}\n`;
  book.plays.forEach((play, i) => {
    out += display(playHeader(play, i, req));
    if (req.tasks || req.tags) out += display(playTasks(play, req));
  });
  return out;
}

/** Ansible's display adds a newline only to text that does not end with one. */
function display(msg: string): string {
  return msg.endsWith('\n') ? msg : msg + '\n';
}

function playHeader(play: Play, index: number, req: ListingRequest): string {
  let msg = `\n  play #${index + 1} (${play.hosts.join(',')}): ${play.name}\tTAGS: [${play.tags.join(',')}]`;
  if (req.hosts) {
    const hosts = req.hostsOf(play);
    msg += `\n    pattern: [${play.hosts.map(pyQuote).join(', ')}]\n    hosts (${hosts.length}):`;
    for (const h of hosts) msg += `\n      ${h}`;
  }
  return msg;
}

function playTasks(play: Play, req: ListingRequest): string {
  const seen = new Set<string>();
  let msg = req.tasks ? '    tasks:\n' : '';
  // Like Ansible, only the main list of each block is listed, not rescue or always.
  const walk = (items: TaskOrBlock[]): void => {
    for (const item of items) {
      if (item.kind === 'block') {
        walk(item.block);
        continue;
      }
      const tags = sorted([...play.tags, ...item.tags]);
      tags.forEach((t) => seen.add(t));
      if (req.tasks) msg += `      ${taskName(item)}\tTAGS: [${tags.join(', ')}]\n`;
    }
  };
  walk(filterTagged(compilePlay(play), play, req.selection));
  if (req.tags) msg += `      TASK TAGS: [${sorted([...play.tags, ...seen]).join(', ')}]\n`;
  return msg;
}

/** `role : name` for a role's named task, the action as written for an unnamed one. */
export function taskName(task: Task): string {
  if (task.name === undefined || task.name === '') return task.actionAsWritten;
  return task.role ? `${task.role.name} : ${task.name}` : task.name;
}

function sorted(tags: string[]): string[] {
  return [...new Set(tags)].sort();
}

/** Python's repr of a string, as Ansible prints the play's host patterns. */
function pyQuote(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s.replace(/\\/g, '\\\\')}"`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
