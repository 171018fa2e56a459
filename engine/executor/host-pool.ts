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
