/**
 * Runs `work` for every host with at most `forks` at once, Ansible's forks. Results come back in the
 * order of `hosts`, whatever order they finished in.
 */
export async function forEachHost<T>(hosts: string[], forks: number, work: (host: string) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(hosts.length);
  let next = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const i = next++;
      results[i] = await work(hosts[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(forks, hosts.length)) }, worker));
  return results;
}

/**
 * At most `size` holders at once, shared by callers that do not wait for each other: under the free
 * strategy each host reaches a task on its own, and `throttle:` still caps how many run it together.
 */
export class Slots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, or frees up.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
