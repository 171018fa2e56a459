import { promises as fs } from 'fs';
import { dirname, join, relative } from 'path';

/** A file in a test tree: its content, or a description of a directory or symlink, with an optional mode. */
export type FileSpec = string | { content?: string; dir?: true; link?: string; mode?: number };

export interface FileState {
  type: 'file' | 'dir' | 'link';
  content?: string;
  link?: string;
  mode?: number;
  mtime?: number;
}

/** Creates the files under `root` (paths relative to it). */
export async function writeTree(root: string, files: Record<string, FileSpec>): Promise<void> {
  for (const [rel, spec] of Object.entries(files)) {
    const path = join(root, rel);
    await fs.mkdir(dirname(path), { recursive: true });
    const s = typeof spec === 'string' ? { content: spec } : spec;
    if (s.dir) await fs.mkdir(path, { recursive: true });
    else if (s.link !== undefined) await fs.symlink(s.link, path);
    else await fs.writeFile(path, s.content ?? '');
    if (s.mode !== undefined) await fs.chmod(path, s.mode);
  }
}

/** Every entry under `root` with type, mode, content, link target and mtime: what "nothing changed" compares. */
export async function snapshotTree(root: string): Promise<Record<string, FileState>> {
  const out: Record<string, FileState> = {};
  for (const entry of await fs.readdir(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const st = await fs.lstat(path);
    const rel = relative(root, path);
    if (st.isSymbolicLink()) out[rel] = { type: 'link', link: await fs.readlink(path) };
    else if (st.isDirectory()) out[rel] = { type: 'dir', mode: st.mode & 0o7777, mtime: st.mtimeMs };
    else out[rel] = { type: 'file', content: await fs.readFile(path, 'utf8'), mode: st.mode & 0o7777, mtime: st.mtimeMs };
  }
  return out;
}
