import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bridgeAddress, HostsPaths, hostsPaths } from '../config';
import { run, tryRun } from '../exec';
import { pythonDepends } from './debian-depends';
import { buildWheel, findDistribution } from './wheel';

/** What the flaskr deployment installs with pip, as the Debian packages that carry it. */
const ROOTS = ['python3-flask', 'python3-gunicorn'];

/**
 * Debian packages replaced by another. setuptools is split in two (pkg_resources apart) and also shipped
 * whole as a real wheel (the one `python3 -m venv` installs), which is the faithful thing to serve.
 */
const SUBSTITUTES: Record<string, string> = {
  'python3-setuptools': 'python3-setuptools-whl',
  'python3-pkg-resources': 'python3-setuptools-whl',
};

/** pip's find-links port on the bridge address (devpi's usual port). */
export const WHEELHOUSE_PORT = 3141;

/** The interpreter both this machine and the bookworm hosts run; a pyenv python may shadow it on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** The wheelhouse directory for the current package list and builder; its name changes when either does. */
export function wheelhouseDir(paths: HostsPaths = hostsPaths()): string {
  const hash = createHash('sha256').update(JSON.stringify({ ROOTS, SUBSTITUTES }));
  for (const source of ['wheelhouse.ts', 'wheel.ts', 'zip.ts', 'debian-depends.ts']) {
    hash.update(fs.readFileSync(path.join(__dirname, source)));
  }
  return path.join(paths.cache, `wheelhouse-${hash.digest('hex').slice(0, 10)}`);
}

/**
 * A pip wheelhouse of Flask, gunicorn and everything they need, built offline from Debian's packages (PyPI is
 * out of reach): the .debs come from the apt mirror, each is repacked as a wheel. Cached; returns its path.
 */
export async function prepareWheelhouse(
  paths: HostsPaths = hostsPaths(), log: (line: string) => void = () => undefined,
): Promise<string> {
  const target = wheelhouseDir(paths);
  if (fs.existsSync(target)) return target;
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-wheelhouse-'));
  try {
    const staging = path.join(work, 'wheels');
    fs.mkdirSync(staging);
    const debs = await downloadClosure(work, log);
    for (const [pkg, deb] of debs) {
      const unpacked = path.join(work, 'unpacked', pkg);
      fs.mkdirSync(unpacked, { recursive: true });
      await run('dpkg-deb', ['-x', deb.file, unpacked]);
      for (const wheel of shippedWheels(unpacked)) fs.copyFileSync(wheel, path.join(staging, path.basename(wheel)));
    }
    for (const [pkg, deb] of debs) writeWheel(pkg, deb.depends, work, staging, log);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Built aside and renamed whole, so a parallel caller or a killed build never leaves a partial wheelhouse.
    fs.renameSync(staging, `${target}.tmp-${process.pid}`);
    try {
      fs.renameSync(`${target}.tmp-${process.pid}`, target);
    } catch (err) {
      fs.rmSync(`${target}.tmp-${process.pid}`, { recursive: true, force: true });
      if (!fs.existsSync(target)) throw err;
    }
    pruneOlder(target);
    log(`wheelhouse of ${fs.readdirSync(target).length} wheels built in ${Date.now() - started}ms: ${target}`);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Wheelhouses of earlier package lists or builders; a service still serving one is restarted on the new one. */
function pruneOlder(current: string): void {
  const dir = path.dirname(current);
  for (const name of fs.readdirSync(dir)) {
    if (/^wheelhouse-[0-9a-f]{10}$/.test(name) && path.join(dir, name) !== current) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

interface Deb {
  file: string;
  /** The python3-* packages it needs, after substitution. */
  depends: string[];
}

/** Downloads the roots and, level by level, every Python library package they depend on. */
async function downloadClosure(work: string, log: (line: string) => void): Promise<Map<string, Deb>> {
  const pythonVersion = (await run(SYSTEM_PYTHON, ['-c', 'import platform; print(platform.python_version())'])).trim();
  const debs = new Map<string, Deb>();
  let level = [...ROOTS];
  while (level.length > 0) {
    await aptDownload(work, level, log);
    const next = new Set<string>();
    for (const pkg of level) {
      const file = fs.readdirSync(work).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
      if (!file) throw new Error(`apt-get download ${pkg} produced no .deb`);
      const field = await run('dpkg-deb', ['-f', path.join(work, file), 'Depends']);
      const depends = [...new Set(pythonDepends(field, pythonVersion).map((d) => SUBSTITUTES[d] ?? d))];
      debs.set(pkg, { file: path.join(work, file), depends });
      for (const dep of depends) if (!debs.has(dep) && !level.includes(dep)) next.add(dep);
    }
    level = [...next];
  }
  return debs;
}

/** `apt-get download` into `dir`; when this machine's package lists are stale or absent, updates them once. */
async function aptDownload(dir: string, pkgs: string[], log: (line: string) => void): Promise<void> {
  const download = () => tryRun('sh', ['-c', 'cd "$0" && exec apt-get download -q "$@"', dir, ...pkgs]);
  if ((await download()).code === 0) return;
  log('apt-get download failed; updating the package lists and retrying');
  await run('apt-get', ['update', '-q']);
  const retry = await download();
  if (retry.code !== 0) throw new Error(`apt-get download ${pkgs.join(' ')} failed:\n${retry.stderr.trim()}`);
}

/** Real wheels a package ships (python3-setuptools-whl); taken as they are. */
function shippedWheels(unpacked: string): string[] {
  const dir = path.join(unpacked, 'usr', 'share', 'python-wheels');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.whl')).map((f) => path.join(dir, f)) : [];
}

/** Repacks one unpacked package; its Requires-Dist are the distribution names of its Debian dependencies. */
function writeWheel(
  pkg: string, depends: string[], work: string, staging: string, log: (line: string) => void,
): void {
  const unpacked = (name: string) => path.join(work, 'unpacked', name);
  const dist = findDistribution(unpacked(pkg));
  if (!dist) return;
  const requires = depends.map((dep) => {
    const found = findDistribution(unpacked(dep)) ?? shippedWheelName(unpacked(dep));
    if (!found) throw new Error(`${pkg} depends on ${dep}, which holds no Python distribution`);
    return found.name;
  });
  const wheel = buildWheel(dist, requires);
  if (wheel.dropped.length > 0) log(`${wheel.filename}: left out compiled ${wheel.dropped.join(', ')}`);
  fs.writeFileSync(path.join(staging, wheel.filename), wheel.data);
}

function shippedWheelName(unpacked: string): { name: string } | undefined {
  const wheel = shippedWheels(unpacked)[0];
  return wheel ? { name: path.basename(wheel).split('-')[0] } : undefined;
}

/** pip's configuration for a host: our wheelhouse only, over plain http from the bridge address. */
export function pipConf(): string {
  const address = bridgeAddress();
  return `[global]\nno-index = true\nfind-links = http://${address}:${WHEELHOUSE_PORT}/\ntrusted-host = ${address}\n`;
}
