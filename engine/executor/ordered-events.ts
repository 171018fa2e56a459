import { EventSink, RunEvent } from '../output/events';

/**
 * Hosts run a task in parallel, but their results are shown in inventory order, as a user reading
 * ansible-playbook's output expects: the first unfinished host's events go straight out, later hosts'
 * events wait until every host before them has finished.
 */
export class OrderedEvents {
  private head = 0;
  private readonly buffers = new Map<string, RunEvent[]>();
  private readonly finished = new Set<string>();

  constructor(
    private readonly hosts: string[],
    private readonly sink: EventSink,
  ) {}

  sinkFor(host: string): EventSink {
    return (event) => {
      if (this.hosts[this.head] === host) this.sink(event);
      else this.buffers.set(host, [...(this.buffers.get(host) ?? []), event]);
    };
  }

  done(host: string): void {
    this.finished.add(host);
    while (this.head < this.hosts.length && this.finished.has(this.hosts[this.head])) {
      this.head++;
      const next = this.hosts[this.head];
      if (next === undefined) break;
      for (const e of this.buffers.get(next) ?? []) this.sink(e);
      this.buffers.delete(next);
    }
  }
}
