/**
 * Caps how many channels are open at once: sshd refuses sessions past MaxSessions (10 by default) on one
 * connection, so extra exec calls wait for a free slot instead of failing.
 */
export class ChannelLimit {
  private active = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
