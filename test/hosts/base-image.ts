import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { FULL_USER, HostsPaths } from './config';
import { run } from './exec';
import { bootstrapMirror, debianSources, SUITE } from './mirror';
import { removeTree } from './mounts';

const PACKAGES = [
  'systemd', 'systemd-sysv', 'dbus', 'openssh-server', 'sudo', 'python3', 'python3-apt', 'iproute2', 'procps',
  'ca-certificates',
];

/** Bump when `customize` changes, so cached images built the old way are not reused. */
const CUSTOMIZE_VERSION = 1;

/** Name of the cached image: changes whenever what goes into it changes. */
export function baseName(): string {
  const key = createHash('sha256').update(JSON.stringify([SUITE, PACKAGES, CUSTOMIZE_VERSION])).digest('hex');
  return `base-${SUITE}-${key.slice(0, 10)}`;
}

/**
 * Returns the unpacked base root (the overlay lowerdir), building it when missing. The tarball is the
 * artefact worth caching between CI runs; the unpacked copy is rebuilt from it in seconds. Both appear by
 * rename only when complete, so an interrupted build leaves nothing that looks usable.
 */
export async function ensureBase(paths: HostsPaths, log: (line: string) => void): Promise<string> {
  const root = path.join(paths.cache, baseName());
  const tarball = `${root}.tar`;
  if (fs.existsSync(root)) return root;
  // Callers hold the state lock, so any scratch tree here is an interrupted build's.
  for (const old of fs.readdirSync(paths.cache).filter((name) => name.startsWith(`${baseName()}.tmp-`))) {
    await removeTree(path.join(paths.cache, old));
  }
  const scratch = `${root}.tmp-${process.pid}`;
  fs.mkdirSync(scratch, { recursive: true });
  const started = Date.now();
  try {
    if (fs.existsSync(tarball)) {
      log(`unpacking ${tarball}`);
      await run('tar', ['-C', scratch, '--numeric-owner', '-xpf', tarball]);
    } else {
      await bootstrap(scratch, log);
      await customize(scratch);
      log(`saving ${tarball}`);
      await run('tar', ['-C', scratch, '--numeric-owner', '-cf', `${tarball}.tmp`, '.']);
      fs.renameSync(`${tarball}.tmp`, tarball);
    }
  } catch (err) {
    await removeTree(scratch);
    throw err;
  }
  fs.renameSync(scratch, root);
  log(`base image ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return root;
}

async function bootstrap(dir: string, log: (line: string) => void): Promise<void> {
  const mirror = bootstrapMirror(debianSources());
  log(`debootstrap ${SUITE} (minbase + ${PACKAGES.length} packages), about a minute`);
  let perPackage = 0;
  const progress = (line: string) => {
    // debootstrap prints ~700 lines, about four per package; show its phases and a count instead.
    const perPackageStep = /^I: (Retriev|Validat|Extract|Unpack|Configur)ing /.test(line);
    const phase = /(packages|system)\.\.\.$/.test(line) || !perPackageStep;
    if (phase && line.trim()) log(`debootstrap: ${line.replace(/^I: /, '')}`);
    else if (++perPackage % 100 === 0) log(`debootstrap: ${perPackage} package steps done`);
  };
  await run('debootstrap', ['--variant=minbase', `--include=${PACKAGES.join(',')}`, SUITE, dir, mirror], {
    onLine: progress,
  });
}

/** Turns the bootstrapped tree into something like an AWS Ubuntu image that boots cleanly in a container. */
async function customize(dir: string): Promise<void> {
  const inRoot = (p: string) => path.join(dir, p);
  await run('chroot', [dir, 'useradd', '-m', '-u', String(FULL_USER.uid), '-U', '-G', 'sudo', '-s', '/bin/bash',
    FULL_USER.name]);
  fs.writeFileSync(inRoot('etc/sudoers.d/90-tsible'), `${FULL_USER.name} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
  // An empty machine-id makes systemd derive a fresh one per container instead of every host sharing one.
  fs.writeFileSync(inRoot('etc/machine-id'), '');
  fs.rmSync(inRoot('var/lib/dbus/machine-id'), { force: true });
  // apt's daily timers would grab the dpkg lock in the middle of a test.
  for (const unit of ['apt-daily.timer', 'apt-daily-upgrade.timer']) {
    fs.symlinkSync('/dev/null', inRoot(`etc/systemd/system/${unit}`));
  }
  for (const deb of fs.readdirSync(inRoot('var/cache/apt/archives'))) {
    if (deb.endsWith('.deb')) fs.rmSync(inRoot(`var/cache/apt/archives/${deb}`));
  }
}
