import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeZip, ZipEntry } from './zip';

/** A Python distribution found in an unpacked Debian package. */
export interface DebDistribution {
  name: string;
  version: string;
  /** Debian's metadata dir: `*.dist-info`, or `*.egg-info` (most of bookworm's Python packages). */
  metaDir: string;
  sitePackages: string;
}

export interface BuiltWheel {
  filename: string;
  data: Buffer;
  /** Compiled extensions left out; the package must work without them. */
  dropped: string[];
}

const SITE = path.join('usr', 'lib', 'python3', 'dist-packages');

/** The distribution a Debian package installs for Python 3, or undefined when it installs none. */
export function findDistribution(unpacked: string): DebDistribution | undefined {
  const sitePackages = path.join(unpacked, SITE);
  if (!fs.existsSync(sitePackages)) return undefined;
  const metas = fs.readdirSync(sitePackages).filter((e) => /\.(dist|egg)-info$/.test(e));
  if (metas.length !== 1) {
    throw new Error(`${sitePackages}: expected one .dist-info or .egg-info, found ${metas.length}`);
  }
  const metaDir = path.join(sitePackages, metas[0]);
  const metadata = readMetadata(metaDir);
  const field = (key: string) => new RegExp(`^${key}: *(.+)$`, 'm').exec(metadata)?.[1].trim();
  const name = field('Name');
  const version = field('Version');
  if (!name || !version) throw new Error(`${metaDir}: no Name or Version in its metadata`);
  return { name, version, metaDir, sitePackages };
}

function readMetadata(metaDir: string): string {
  // An egg-info may also be a single file holding what PKG-INFO would.
  if (fs.statSync(metaDir).isFile()) return fs.readFileSync(metaDir, 'utf8');
  const file = metaDir.endsWith('.dist-info') ? 'METADATA' : 'PKG-INFO';
  return fs.readFileSync(path.join(metaDir, file), 'utf8');
}

/** PEP 427: runs of anything but letters, digits and dots become one underscore. */
function escapeComponent(text: string): string {
  return text.replace(/[^A-Za-z0-9.]+/g, '_');
}

/**
 * Repacks an installed distribution as a pure-Python wheel. `requires` replaces the metadata's Requires-Dist:
 * Debian moves a package's requirements into its control file's Depends and strips them from the metadata,
 * so the caller derives them from there. Compiled extensions (`*.so`) are dropped, so the wheel is honestly
 * `py3-none-any`; the packages in the wheelhouse have pure-Python fallbacks (MarkupSafe's `_native`).
 */
export function buildWheel(dist: DebDistribution, requires: string[]): BuiltWheel {
  const entries: ZipEntry[] = [];
  const dropped: string[] = [];
  const metaName = path.basename(dist.metaDir);
  for (const file of listFiles(dist.sitePackages)) {
    if (file === metaName || file.startsWith(`${metaName}/`)) continue;
    if (file.endsWith('.so')) {
      dropped.push(file);
      continue;
    }
    const full = path.join(dist.sitePackages, file);
    entries.push({ name: file, data: fs.readFileSync(full), mode: fs.statSync(full).mode & 0o777 });
  }
  const distInfo = `${escapeComponent(dist.name)}-${escapeComponent(dist.version)}.dist-info`;
  const text = (name: string, body: string) => entries.push({ name: `${distInfo}/${name}`, data: Buffer.from(body) });
  text('METADATA', withRequires(readMetadata(dist.metaDir), requires));
  if (fs.statSync(dist.metaDir).isDirectory()) {
    for (const kept of ['entry_points.txt', 'top_level.txt']) {
      const file = path.join(dist.metaDir, kept);
      if (fs.existsSync(file)) text(kept, fs.readFileSync(file, 'utf8'));
    }
  }
  text('WHEEL', 'Wheel-Version: 1.0\nGenerator: tsible-test-hosts\nRoot-Is-Purelib: true\nTag: py3-none-any\n');
  entries.push({ name: `${distInfo}/RECORD`, data: Buffer.from(record(entries, `${distInfo}/RECORD`)) });
  const filename = `${escapeComponent(dist.name)}-${escapeComponent(dist.version)}-py3-none-any.whl`;
  return { filename, data: writeZip(entries), dropped };
}

/** Files under `root` as sorted `/`-paths, without byte-code caches. */
function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__') out.push(...listFiles(root, rel));
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
  return out.sort();
}

/** The metadata headers with Requires-Dist replaced; the description after the first blank line is kept. */
function withRequires(metadata: string, requires: string[]): string {
  const split = metadata.search(/\r?\n\r?\n/);
  const head = split < 0 ? metadata.trimEnd() : metadata.slice(0, split);
  const body = split < 0 ? '' : metadata.slice(split);
  const lines = head.split(/\r?\n/).filter((line) => !line.startsWith('Requires-Dist:'));
  // Requires-Dist is a Metadata-Version 1.2 field; older headers are raised so tools read it.
  const upgraded = lines.map((line) => line.replace(/^Metadata-Version: 1\.[01]$/, 'Metadata-Version: 2.1'));
  const headers = [...upgraded, ...requires.map((r) => `Requires-Dist: ${r}`)].join('\n');
  return `${headers}${body || '\n'}`;
}

/** RECORD: every file with its sha256 (urlsafe base64, unpadded) and size; RECORD itself has neither. */
function record(entries: ZipEntry[], self: string): string {
  const lines = entries.map((e) => {
    const digest = createHash('sha256').update(e.data).digest('base64url');
    return `${e.name},sha256=${digest},${e.data.length}`;
  });
  return `${[...lines, `${self},,`].join('\n')}\n`;
}
