import { PyCallable, float } from './values';

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

  /** Python's str(datetime): microseconds only when there are some. */
  toString(): string {
    return this.strftime(this.part('Milliseconds') ? '%Y-%m-%d %H:%M:%S.%f' : '%Y-%m-%d %H:%M:%S');
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

/** Python's `timedelta`, what subtracting two datetimes gives. */
export class PyTimedelta {
  constructor(readonly ms: number) {}

  attr(name: string): unknown {
    const total = this.ms / 1000;
    const days = Math.floor(total / 86400);
    switch (name) {
      case 'days': return days;
      case 'seconds': return Math.floor(total - days * 86400);
      case 'microseconds': return Math.round((this.ms % 1000 + 1000) % 1000) * 1000;
      case 'total_seconds': return (() => float(total)) as PyCallable;
    }
    return undefined;
  }

  toString(): string {
    const total = Math.floor(this.ms / 1000);
    const days = Math.floor(total / 86400);
    const rest = total - days * 86400;
    const clock = `${Math.floor(rest / 3600)}:${String(Math.floor(rest / 60) % 60).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
    return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${clock}` : clock;
  }
}

const STRPTIME: Record<string, [string, string]> = {
  Y: ['(\\d{4})', 'year'], m: ['(\\d{1,2})', 'month'], d: ['(\\d{1,2})', 'day'], H: ['(\\d{1,2})', 'hour'],
  M: ['(\\d{1,2})', 'minute'], S: ['(\\d{1,2})', 'second'], f: ['(\\d{1,6})', 'micro'], y: ['(\\d{2})', 'year2'],
};

/** `to_datetime`: Python's strptime for the numeric directives; the result is a naive (UTC-based) datetime. */
export function strptime(text: string, format: string): PyDateTime | undefined {
  const fields: string[] = [];
  const pattern = format.replace(/%(.)|[.*+?^${}()|[\]\\]/g, (m, c: string | undefined) => {
    if (c === undefined) return '\\' + m;
    if (c === '%') return '%';
    const spec = STRPTIME[c];
    if (!spec) return m;
    fields.push(spec[1]);
    return spec[0];
  });
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (!match) return undefined;
  const v: Record<string, number> = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0 };
  fields.forEach((f, i) => {
    const raw = match[i + 1];
    if (f === 'year2') v.year = Number(raw) + (Number(raw) < 69 ? 2000 : 1900);
    else if (f === 'micro') v.micro = Number(raw.padEnd(6, '0'));
    else v[f] = Number(raw);
  });
  return new PyDateTime(new Date(Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second, Math.floor(v.micro / 1000))), true);
}
