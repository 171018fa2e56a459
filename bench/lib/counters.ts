/**
 * Counters wrapped around the built engine's seams for bench/profile.ts: the ssh connection factory
 * (its exports object is read at call time, so replacing the property reaches every caller) and the
 * templar factory.
 */

/** Calls and the time they took; synchronous work only is timed where `time` is used. */
export class Counter {
  calls = 0;
  ms = 0;
  units = 0;

  constructor(readonly name: string) {}

  time<T>(fn: () => T, units = 0): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.ms += performance.now() - start;
      this.calls++;
      this.units += units;
    }
  }

  async timeAsync<T>(fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.ms += performance.now() - start;
      this.calls++;
    }
  }

  summary(): string {
    return `${this.name}: ${this.calls} calls, ${this.ms.toFixed(0)} ms${this.units ? `, ${this.units} bytes` : ''}`;
  }
}

type AnyFn = (...args: unknown[]) => unknown;

/** The Connection contract's calls; each exec, stat, readFile or putFile is one round trip to the host. */
const CONNECTION_METHODS = ['connect', 'exec', 'readFile', 'stat', 'putFile'] as const;

export function instrumentConnections(file: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { createSshConnection: AnyFn };
  const original = mod.createSshConnection;
  let connect = new Counter('connect');
  let calls = new Map<string, Counter>();
  mod.createSshConnection = (...args: unknown[]) => {
    const conn = original(...args) as Record<string, unknown>;
    for (const key of CONNECTION_METHODS) {
      const fn = conn[key];
      conn[key] = (...a: unknown[]) => {
        const counter = key === 'connect' ? connect : (calls.get(key) ?? calls.set(key, new Counter(key)).get(key) as Counter);
        return counter.timeAsync(() => Promise.resolve((fn as AnyFn).apply(conn, a)));
      };
    }
    return conn;
  };
  return {
    reset(): void {
      connect = new Counter('connect');
      calls = new Map();
    },
    summary(remoteTasks: number): string {
      const ops = [...calls.values()];
      const total = ops.reduce((n, c) => n + c.calls, 0);
      const perKind = ops.map((c) => `${c.name} ×${c.calls} (mean ${(c.ms / c.calls).toFixed(1)} ms)`).join(', ');
      return (
        `connections: ${connect.calls} opened, mean ${(connect.ms / Math.max(1, connect.calls)).toFixed(0)} ms each; ` +
        `${total} calls on hosts = ${(total / remoteTasks).toFixed(2)} per host-task: ${perKind}`
      );
    },
  };
}

export function instrumentTemplar(file: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { createTemplar: () => Record<string, unknown> };
  const original = mod.createTemplar;
  let counter = new Counter('template rendering');
  let depth = 0;
  mod.createTemplar = () => {
    const templar = original();
    const proto = Object.getPrototypeOf(templar) as Record<string, unknown>;
    for (const key of ['template', 'evaluateConditional', 'renderFile']) {
      const fn = proto[key] as AnyFn;
      // Only the outermost call is timed: rendering recurses through the same methods.
      templar[key] = (...a: unknown[]) => {
        if (depth > 0) return fn.apply(templar, a);
        depth++;
        try {
          return counter.time(() => fn.apply(templar, a));
        } finally {
          depth--;
        }
      };
    }
    return templar;
  };
  return {
    reset(): void {
      counter = new Counter('template rendering');
    },
    summary: () => counter.summary(),
  };
}
