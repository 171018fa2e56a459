import { TaskResult } from '../output/events';
import { RoleRuns } from './role-runs';
import { TaskFrame } from './task-frame';

/**
 * Per-play host bookkeeping: which hosts are still in the play, which failed or became unreachable,
 * which ended early (meta: end_host), and which handlers each host has been notified for.
 */
export class PlayState {
  readonly failed = new Set<string>();
  readonly unreachable = new Set<string>();
  readonly ended = new Set<string>();
  /** Hosts whose failures meta: clear_host_errors forgave and that have not failed since. */
  readonly cleared = new Set<string>();
  /** handler id → hosts notified and not yet run. */
  readonly notified = new Map<string, Set<string>>();
  /** The last task each host failed, with its result: ansible_failed_task/result for rescue. */
  readonly lastFailure = new Map<string, { task: TaskFrame; result: TaskResult }>();
  readonly roleRuns = new RoleRuns();
  endPlay = false;
  endBatch = false;

  constructor(
    readonly allHosts: string[],
    private readonly signal?: AbortSignal,
  ) {}

  /** Hosts of `hosts` that can still run tasks. */
  active(hosts: string[]): string[] {
    if (this.endPlay || this.endBatch || this.signal?.aborted) return [];
    return hosts.filter((h) => !this.failed.has(h) && !this.unreachable.has(h) && !this.ended.has(h));
  }

  notify(handlerId: string, host: string): void {
    let set = this.notified.get(handlerId);
    if (!set) this.notified.set(handlerId, (set = new Set()));
    set.add(host);
  }
}
