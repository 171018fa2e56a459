import { basename } from 'path';
import { TaskResult } from '../output/events';
import { Task } from '../playbook/types';

interface Predicted {
  task: string;
  /** Paths the task would create or change. */
  paths: string[];
  /** Names given to it: packages, services, commands. */
  names: string[];
  /** Names of what it would create (path basenames without extension): weaker evidence. */
  basenames: string[];
}

const PATH_KEYS = ['dest', 'path', 'virtualenv', 'chdir', 'src', 'creates'];
const MISSING = /not found|no such file|does not exist|failed to find|could not find|cannot find|is not installed|not available|unable to|no module named|command not found/i;

/**
 * `--check` on a fresh host: a task can only fail because an earlier task would have installed or created
 * what it needs (git not installed yet, a directory not cloned yet). Such a failure is reported as the
 * change it would be, with the earlier task named as the reason, instead of failing the dry run as
 * ansible-playbook does. What earlier tasks would change is remembered per host.
 */
export class CheckPredictions {
  private readonly byHost = new Map<string, Predicted[]>();

  /** A task that would change something, remembered for the tasks after it. */
  remember(host: string, task: Task, args: Record<string, unknown>, result: TaskResult): void {
    const strings = [...values(args), ...PATH_KEYS.map((k) => result[k]).filter((v): v is string => typeof v === 'string')];
    const paths = strings.filter((s) => s.startsWith('/'));
    const names = strings.filter((s) => /^[\w.+-]+$/.test(s) && s.length > 2);
    const basenames = paths.map((p) => basename(p).replace(/\.[^.]*$/, '')).filter((n) => n.length > 2);
    const list = this.byHost.get(host) ?? [];
    list.push({ task: task.name ?? task.actionAsWritten, paths, names, basenames });
    this.byHost.set(host, list);
  }

  /** The earlier task whose predicted change explains this failure, if one does. */
  explain(host: string, args: Record<string, unknown>, result: TaskResult): string | undefined {
    const msg = `${String(result.msg ?? '')} ${String(result.stderr ?? '')}`;
    if (!MISSING.test(msg)) return undefined;
    const ownPaths = [...values(args), ...PATH_KEYS.map((k) => result[k])].filter((v): v is string => typeof v === 'string' && v.startsWith('/'));
    const earlier = [...(this.byHost.get(host) ?? [])].reverse();
    const named = (names: string[]) => names.some((n) => new RegExp(`(^|[^\\w.-])${escape(n)}([^\\w-]|$)`).test(msg));
    const under = (e: Predicted) => e.paths.some((p) => ownPaths.some((own) => own === p || own.startsWith(`${p.replace(/\/$/, '')}/`)) || msg.includes(p));
    // Strongest evidence first: something named in the message that an earlier task was asked to bring
    // (a package), then a path it would create that this task works under, then what it would create.
    return (earlier.find((e) => named(e.names)) ?? earlier.find(under) ?? earlier.find((e) => named(e.basenames)))?.task;
  }
}

function values(args: Record<string, unknown>): string[] {
  return Object.values(args).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(',').map((s) => s.trim()));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
