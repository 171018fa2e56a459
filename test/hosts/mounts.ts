import * as fs from 'fs';
import { run, tryRun } from './exec';

function mountsUnder(dir: string): string[] {
  const targets = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1] ?? '');
  return targets.filter((target) => target === dir || target.startsWith(`${dir}/`));
}

/**
 * Deletes `dir` after unmounting whatever is mounted inside it, deepest first. A debootstrap killed mid-way
 * leaves the machine's /dev and /proc bind-mounted in its target, and a recursive delete would walk into them.
 */
export async function removeTree(dir: string): Promise<void> {
  for (const target of mountsUnder(dir).reverse()) {
    // A lazy unmount still detaches a tree that a straggling process keeps busy.
    if ((await tryRun('umount', [target])).code !== 0) await run('umount', ['-l', target]);
  }
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`not deleting ${dir}: still mounted: ${left.join(', ')}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
