/**
 * Whether an init script's service runs, judged from `service NAME status` as Ansible's sysvinit module judges
 * it: the words of a one-line answer first, then the exit code; undefined when nothing tells.
 */
export function sysvRunning(name: string, rc: number, out: string): boolean | undefined {
  if (name === 'iptables' && out.includes('ACCEPT')) return true;
  if ((out.match(/\n/g) ?? []).length <= 1) {
    const clean = out.toLowerCase().split(name.toLowerCase()).join('');
    if (['stop', 'is dead ', 'dead but ', 'could not access pid file', 'inactive'].some((w) => clean.includes(w))) return false;
    if (['run', 'start', 'active'].some((w) => clean.includes(w)) && !clean.includes('not ')) return true;
  }
  if ([1, 2, 3, 4, 69].includes(rc)) return false;
  if (rc === 0) return true;
  return undefined;
}

/** The verb a state asks the init script for: started → start, stopped → stop, restarted → restart… */
export function sysvAction(state: string): string {
  return state.toLowerCase().replace(/p?ed$/, '');
}

/**
 * Whether the state needs the script run. Restart always does; so does reload (Ansible's sysvinit module
 * compares a reload with "not start", which a running and a stopped service both satisfy).
 */
export function sysvNeedsAction(action: string, running: boolean): boolean {
  if (action === 'restart') return true;
  return running !== (action === 'start') || running === (action === 'stop');
}
