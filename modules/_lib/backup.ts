import { shellQuote } from '../../engine/module/shell-quote';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Ansible's backup file name: `<path>.<pid>.<YYYY-MM-DD@HH:MM:SS>~`. */
export function backupName(path: string, now = new Date()): string {
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${path}.${process.pid}.${date}@${time}~`;
}

/** The command copying `path` to its backup, keeping mode, owner and times. */
export function backupCommand(path: string, backup: string): string {
  return `cp -p ${shellQuote(path)} ${shellQuote(backup)}`;
}
