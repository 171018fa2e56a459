import { HostStats } from '../output/events';
import { CustomStats } from './custom-stats';

export type Outcome = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

/**
 * PLAY RECAP counters, counted the way ansible-playbook counts them (checked against 2.14):
 * a changed result is also ok; an ignored failure or ignored unreachable is ok + ignored (+ changed when
 * it changed); a failure later rescued counts only as rescued; a plain failure counts only as failed.
 */
export class RunStats {
  private readonly hosts = new Map<string, HostStats>();
  /** What set_stats recorded. */
  readonly custom = new CustomStats();

  /** Makes the host appear in the recap even if nothing ran on it (e.g. it failed to connect at once). */
  touch(host: string): HostStats {
    let s = this.hosts.get(host);
    if (!s) {
      s = { ok: 0, changed: 0, unreachable: 0, failures: 0, skipped: 0, rescued: 0, ignored: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  record(host: string, outcome: Outcome, opts: { ignored?: boolean; changed?: boolean } = {}): void {
    const s = this.touch(host);
    switch (outcome) {
      case 'ok':
        s.ok++;
        break;
      case 'changed':
        s.ok++;
        s.changed++;
        break;
      case 'skipped':
        s.skipped++;
        break;
      case 'failed':
        if (opts.ignored) {
          s.ok++;
          s.ignored++;
          if (opts.changed) s.changed++;
        } else {
          s.failures++;
        }
        break;
      case 'unreachable':
        if (opts.ignored) {
          s.ok++;
          s.ignored++;
        } else {
          s.unreachable++;
        }
        break;
    }
  }

  /** A block's rescue section took over a failure: it no longer counts as one. */
  rescued(host: string): void {
    const s = this.touch(host);
    s.failures = Math.max(0, s.failures - 1);
    s.rescued++;
  }

  summary(): Record<string, HostStats> {
    return Object.fromEntries([...this.hosts.entries()].map(([h, s]) => [h, { ...s }]));
  }
}
