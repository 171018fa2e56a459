/**
 * Ansible's integration targets as ansible-test reads them (test/lib/ansible_test/_internal/target.py):
 * the aliases file, the kind (runme.sh script or role), setup and needs/target dependencies. And the
 * scope: which targets this suite runs on a Debian 12 controller with the local connection.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'fs';
import { join, relative, sep } from 'path';

export interface Target {
  name: string;
  kind: 'script' | 'role';
  aliases: string[];
  setup: string[];
  needsTarget: string[];
  hidden: boolean;
}

/** Phase 1: the local controller. Phase 2: needs a host where destroying things is safe (a container). */
export interface Scope {
  name: string;
  phase: 1 | 2 | null;
  why: string;
}

export function readTargets(targetsDir: string): Target[] {
  const targets: Target[] = [];
  for (const name of readdirSync(targetsDir).sort()) {
    const dir = join(targetsDir, name);
    const kind = existsSync(join(dir, 'runme.sh')) ? 'script' : existsSync(join(dir, 'tasks')) ? 'role' : null;
    const aliases = readAliases(join(dir, 'aliases'));
    const hidden = kind === null || name.startsWith('setup_') || name.startsWith('prepare_') || aliases.includes('hidden');
    const named = (prefix: string) => aliases.filter((a) => a.startsWith(prefix)).map((a) => a.split('/')[2]);
    targets.push({
      name,
      kind: kind ?? 'role',
      aliases,
      setup: [...named('setup/once/'), ...named('setup/always/')],
      needsTarget: named('needs/target/'),
      hidden,
    });
  }
  return targets;
}

function readAliases(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
    .map((alias) => alias.replace(/\/$/, ''));
}

/** Tools other than the playbook engine: their own targets test that tool, which tsible does not replace. */
const OTHER_TOOLS = /^(ansible-test|ansible-doc|ansible-galaxy|ansible-pull|ansible-runner|packaging_cli-doc)/;

/** Why a target is in phase 1, phase 2 or out. The first matching rule wins; the order is the README's. */
export function scopeOf(t: Target): Scope {
  const has = (prefix: string) => t.aliases.some((a) => a === prefix || a.startsWith(`${prefix}/`));
  const out = (why: string): Scope => ({ name: t.name, phase: null, why });
  if (t.hidden) return out('support role (hidden): runs only as another target\'s dependency');
  if (has('disabled') || has('unstable') || has('unsupported')) return out('disabled in Ansible\'s CI');
  if (has('windows') || has('shippable/windows')) return out('Windows');
  if (has('network') || t.aliases.some((a) => /^shippable\/(vyos|ios)/.test(a))) return out('network device');
  if (has('needs/httptester')) return out('needs the httptester service container (internet services)');
  if (has('cloud')) return out('needs a cloud or service container (cloud/…)');
  if (OTHER_TOOLS.test(t.name)) return out('tests another Ansible command, not the playbook engine');
  if (has('needs/privileged')) return out('needs a privileged container');
  if (!t.aliases.some((a) => /^shippable\/(posix|generic)\//.test(a))) return out('not run by Ansible\'s posix CI');
  if (has('destructive') || has('needs/root')) return { name: t.name, phase: 2, why: 'changes the system (destructive or needs/root)' };
  if (has('needs/ssh')) return { name: t.name, phase: 2, why: 'needs ssh to the controller' };
  return { name: t.name, phase: 1, why: 'runs on the local controller' };
}

/**
 * The targets a target's run needs copied beside it, as ansible-test computes them: setup and needs/target
 * aliases, hidden roles named in its meta files, and targets its symlinks point into; transitively.
 */
export function dependencies(target: Target, all: Map<string, Target>, targetsDir: string): string[] {
  const hiddenNames = [...all.values()].filter((t) => t.hidden).map((t) => t.name);
  const seen = new Set<string>([target.name]);
  const queue = [target.name];
  while (queue.length > 0) {
    const t = all.get(queue.shift() as string);
    if (!t) continue;
    const direct = [...t.setup, ...t.needsTarget, ...metaMentions(join(targetsDir, t.name), hiddenNames), ...symlinkTargets(targetsDir, t.name)];
    for (const name of direct) {
      if (!seen.has(name) && all.has(name)) {
        seen.add(name);
        queue.push(name);
      }
    }
  }
  seen.delete(target.name);
  return [...seen].sort();
}

function metaMentions(dir: string, hiddenNames: string[]): string[] {
  const meta = join(dir, 'meta');
  if (!existsSync(meta)) return [];
  const text = readdirSync(meta)
    .map((f) => readFileSync(join(meta, f), 'utf8'))
    .join('\n')
    .split('\n')
    .filter((line) => !/^ *#/.test(line))
    .join('\n');
  return hiddenNames.filter((name) => text.includes(name));
}

function symlinkTargets(targetsDir: string, name: string): string[] {
  const root = realpathSync(targetsDir) + sep;
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch {
          continue;
        }
        if (real.startsWith(root)) found.push(relative(root, real).split(sep)[0]);
      } else if (stat.isDirectory()) {
        walk(path);
      }
    }
  };
  walk(join(targetsDir, name));
  return found.filter((n) => n !== name);
}
