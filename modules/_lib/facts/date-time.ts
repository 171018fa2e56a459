import { type Collector, linesOf } from './types';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Python's time.tzname[1], the zone's daylight-saving name: of January and July, the one further east. */
function dstName(samples: string[], tz: string): string {
  const zones = samples.map((s) => s.split('|')).filter((z) => z.length === 2);
  if (zones.length < 2) return tz;
  const offset = (z: string) => Number(z.replace(/^([+-])(\d\d)(\d\d)$/, (_, s, h, m) => String((s === '-' ? -1 : 1) * (Number(h) * 60 + Number(m)))));
  return offset(zones[1][1]) > offset(zones[0][1]) ? zones[1][0] : zones[0][0];
}

/**
 * The date_time facts from one `date` line (`%Y|%m|%A|%w|%W|%d|%H|%M|%S|%s|%N|%Z|%z`, local time)
 * plus January and July zone samples; every value is a string, as Ansible gives them.
 */
export function parseDateTime(lines: string[]): Record<string, string> {
  const [year, month, weekday, weekdayNumber, weeknumber, day, hour, minute, second, epoch, nanos, tz, tzOffset] = (lines[0] ?? '').split('|');
  const micro = /^\d+$/.test(nanos ?? '') ? nanos.padStart(9, '0').slice(0, 6) : '000000';
  const utc = new Date(Number(epoch) * 1000);
  const utcDate = `${utc.getUTCFullYear()}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
  const utcTime = `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}`;
  return {
    year,
    month,
    weekday,
    weekday_number: weekdayNumber,
    weeknumber,
    day,
    hour,
    minute,
    second,
    epoch,
    epoch_int: epoch,
    date: `${year}-${month}-${day}`,
    time: `${hour}:${minute}:${second}`,
    iso8601_micro: `${utcDate}T${utcTime}.${micro}Z`,
    iso8601: `${utcDate}T${utcTime}Z`,
    iso8601_basic: `${year}${month}${day}T${hour}${minute}${second}${micro}`,
    iso8601_basic_short: `${year}${month}${day}T${hour}${minute}${second}`,
    tz,
    tz_dst: dstName(lines.slice(1), tz),
    tz_offset: tzOffset,
  };
}

export const dateTimeCollector: Collector = {
  name: 'date_time',
  sections: ['date'],
  collect: (out) => ({ date_time: parseDateTime(linesOf(out, 'date')) }),
};
