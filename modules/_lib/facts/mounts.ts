/** Storage facts: mounts (mtab with statvfs sizes, UUIDs, bind marks) and LVM volumes. */

/** mtab's octal escapes (`\040` for a space) decoded. */
export function decodeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

function parts(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = { mtab: [], bind: [], uuid: [], statvfs: [] };
  let current = 'mtab';
  for (const line of text.split('\n')) {
    if (/^@(mtab|bind|uuid|statvfs)$/.test(line)) current = line.slice(1);
    else if (line.trim()) out[current].push(line);
  }
  return out;
}

function sizes(statLines: string[]): Map<string, Record<string, number>> {
  const byMount = new Map<string, Record<string, number>>();
  for (const line of statLines) {
    const m = /^(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [frsize, bsize, blocks, bavail, , files, ffree] = m.slice(1, 8).map(Number);
    byMount.set(m[8], {
      size_total: frsize * blocks,
      size_available: frsize * bavail,
      block_size: bsize,
      block_total: blocks,
      block_available: bavail,
      block_used: blocks - bavail,
      inode_total: files,
      inode_available: ffree,
      inode_used: files - ffree,
    });
  }
  return byMount;
}

/** Parses the mounts section (`@mtab`, `@bind`, `@uuid`, `@statvfs` parts). */
export function parseMounts(text: string): Record<string, unknown>[] {
  const p = parts(text);
  const binds = new Set(p.bind.map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2 && f[1].endsWith(']')).map((f) => f[0]));
  const uuids = new Map<string, string>();
  for (const line of p.uuid) {
    const m = /^(.*\S)\s+(\S+)$/.exec(line.trim());
    if (m && !uuids.has(m[1])) uuids.set(m[1], m[2]);
  }
  const stats = sizes(p.statvfs);
  const mounts: Record<string, unknown>[] = [];
  for (const line of p.mtab) {
    const fields = line.split(/\s+/).map(decodeOctal);
    if (fields.length < 4) continue;
    const [device, mount, fstype, options] = fields;
    if ((!device.startsWith('/') && !device.startsWith('\\') && !device.includes(':/')) || fstype === 'none') continue;
    // Ansible's check for an existing bind option never matches real mtab text, so `,bind` is always added.
    const info: Record<string, unknown> = { mount, device, fstype, options: binds.has(mount) ? `${options},bind` : options };
    mounts.push({ ...info, ...stats.get(mount), uuid: uuids.get(device) || 'N/A' });
  }
  return mounts;
}

/**
 * The lvm fact from `vgs`, `lvs` and `pvs` output (after `@vgs`, `@lvs`, `@pvs` lines), sizes as
 * strings in GB; 'N/A' when they did not run (not root, or no LVM tools), as Ansible reports it.
 */
export function parseLvm(text: string): unknown {
  if (!text.includes('@vgs')) return 'N/A';
  const rows: Record<string, string[][]> = { vgs: [], lvs: [], pvs: [] };
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (/^@(vgs|lvs|pvs)$/.test(line)) current = line.slice(1);
    else if (current && line.trim()) rows[current].push(line.trim().split(','));
  }
  const table = (list: string[][], make: (r: string[]) => Record<string, string>) => Object.fromEntries(list.map((r) => [r[0], make(r)]));
  return {
    lvs: table(rows.lvs, (r) => ({ size_g: r[3], vg: r[1] })),
    vgs: table(rows.vgs, (r) => ({ size_g: r[r.length - 2], free_g: r[r.length - 1], num_lvs: r[2], num_pvs: r[1] })),
    pvs: table(rows.pvs, (r) => ({ size_g: r[4], free_g: r[5], vg: r[1] })),
  };
}
