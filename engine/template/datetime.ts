import type { PyCallable } from './values';

/** Python's `datetime` as `now()` returns it: prints as `YYYY-MM-DD HH:MM:SS.ffffff`, has strftime(). */
export class PyDateTime {
  constructor(readonly date: Date, readonly utc: boolean) {}

  private part(name: 'FullYear' | 'Month' | 'Date' | 'Hours' | 'Minutes' | 'Seconds' | 'Milliseconds' | 'Day'): number {
    return this.utc ? this.date[`getUTC${name}`]() : this.date[`get${name}`]();
  }

  strftime(fmt: string): string {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const start = this.utc ? Date.UTC(this.part('FullYear'), 0, 1) : new Date(this.part('FullYear'), 0, 1).getTime();
    const hour = this.part('Hours');
    const codes: Record<string, () => string> = {
      Y: () => String(this.part('FullYear')), y: () => pad(this.part('FullYear') % 100), m: () => pad(this.part('Month') + 1),
      d: () => pad(this.part('Date')), H: () => pad(hour), I: () => pad(hour % 12 || 12), p: () => (hour < 12 ? 'AM' : 'PM'),
      M: () => pad(this.part('Minutes')), S: () => pad(this.part('Seconds')), f: () => pad(this.part('Milliseconds') * 1000, 6),
      a: () => days[this.part('Day')].slice(0, 3), A: () => days[this.part('Day')], b: () => months[this.part('Month')].slice(0, 3),
      B: () => months[this.part('Month')], j: () => pad(Math.floor((this.date.getTime() - start) / 86400000) + 1, 3),
      s: () => String(Math.floor(this.date.getTime() / 1000)), z: () => (this.utc ? '+0000' : offset(this.date)), Z: () => (this.utc ? 'UTC' : ''),
      '%': () => '%',
    };
    return fmt.replace(/%(.)/g, (m, c: string) => (codes[c] ? codes[c]() : m));
  }

  toString(): string {
    return this.strftime('%Y-%m-%d %H:%M:%S.%f');
  }

  /** The Python attributes and methods templates use. */
  attr(name: string): unknown {
    const methods: Record<string, PyCallable> = {
      strftime: ([fmt]) => this.strftime(String(fmt)),
      isoformat: () => this.strftime('%Y-%m-%dT%H:%M:%S.%f'),
      timestamp: () => this.date.getTime() / 1000,
    };
    const fields: Record<string, () => number> = {
      year: () => this.part('FullYear'), month: () => this.part('Month') + 1, day: () => this.part('Date'),
      hour: () => this.part('Hours'), minute: () => this.part('Minutes'), second: () => this.part('Seconds'),
    };
    return methods[name] ?? fields[name]?.();
  }
}

function offset(d: Date): string {
  const m = -d.getTimezoneOffset();
  const sign = m < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}${String(Math.abs(m) % 60).padStart(2, '0')}`;
}
