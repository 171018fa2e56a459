import { splitLinesPy } from '../run-command';

/**
 * The part of apt-get's output a diff shows, as Ansible's `diff.prepared`: after "Reading state
 * information..." up to and including the "N upgraded, …" summary line.
 */
export function preparedDiff(output: string): { prepared: string } {
  const lines = splitLinesPy(output);
  const start = lines.indexOf('Reading state information...') + 1;
  const summary = lines.findIndex((l) => /^[0-9]+ (packages )?upgraded/.test(l));
  const end = summary === -1 ? lines.length : summary + 1;
  return { prepared: lines.slice(start, end).join('\n') };
}

/** Whether an `apt-get` run (or simulation) installed, upgraded or removed anything, from its summary line. */
export function aptChangedSomething(output: string): boolean {
  const m = /^(\d+) upgraded, (\d+) newly installed, (\d+) to remove/m.exec(output);
  if (!m) return false;
  return Number(m[1]) + Number(m[2]) + Number(m[3]) > 0;
}

/** apt or dpkg failed only because another process holds its lock: worth waiting for (unlike not being root). */
export function isLockError(stderr: string): boolean {
  if (/are you root|Permission denied/.test(stderr)) return false;
  return /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock (the )?(directory|administration)|dpkg status database is locked/.test(stderr);
}
