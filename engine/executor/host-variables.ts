import { dirname } from 'path';
import { TsibleError } from '../errors';
import { loadGroupHostVarsDir } from '../inventory';
import { loadPlayVarsFile } from '../inventory/host-group-vars';
import { GroupHostVars, Inventory } from '../inventory/types';
import { Play, Role } from '../playbook/types';
import { rolesToRun } from '../playbook/roles';
import { Templar } from '../template/types';
import { setOwn } from '../template/unsafe';
import { combineVars } from '../vars/combine';
import { FactCache, MemoryFactCache } from '../vars/fact-cache';
import { buildVarStack } from '../vars/host-vars';
import { lazyVars } from '../vars/lazy';
import { magicVars } from '../vars/magic';
import { isInjectedFact } from '../vars/restricted-facts';
import { VarsSource } from './env';
import { findVarsFile } from './play-start-vars';
import { TaskFrame } from './task-frame';

export interface HostVariablesOptions {
  inventory: Inventory;
  templar: Templar;
  extraVars: Record<string, unknown>;
  playbookDir: string;
  checkMode: boolean;
  diffMode: boolean;
  runTags: string[];
  skipTags: string[];
  optionVars: Record<string, unknown>;
  /** Where facts are kept (fact_caching); in memory for the run unless given. */
  factCache?: FactCache;
}

/**
 * What the run has learnt about each host (facts, set_fact and registered values, include_vars), and the
 * variables a task sees: every precedence layer folded, templated lazily when read.
 */
export class HostVariables implements VarsSource {
  private readonly facts: FactCache;
  private readonly hostSetVars = new Map<string, Record<string, unknown>>();
  private readonly included = new Map<string, Record<string, unknown>>();
  private readonly varsFiles = new Map<string, Record<string, unknown>[]>();
  private readonly adjacent = new Map<string, GroupHostVars>();
  private readonly prompted = new WeakMap<Play, Record<string, unknown>>();
  // Derived from the loaded playbook only, so worked out once rather than for every task on every host.
  private readonly roleNames = new WeakMap<Play, { play: string[]; dependent: string[] }>();
  private readonly roleChains = new WeakMap<Role, Role[]>();
  private play?: Play;
  private playHosts: { hostsAll: string[]; hosts: string[]; batch: string[] } = { hostsAll: [], hosts: [], batch: [] };

  constructor(private readonly opts: HostVariablesOptions) {
    this.facts = opts.factCache ?? new MemoryFactCache();
  }

  /** The play whose vars and vars_files apply from now on, and its hosts for the magic variables. */
  startPlay(play: Play, hosts: { hostsAll: string[]; hosts: string[]; batch: string[] }): void {
    this.play = play;
    this.playHosts = hosts;
    this.varsFiles.clear();
  }

  leavePlay(hosts: string[]): void {
    const gone = new Set(hosts);
    const { hostsAll, hosts: inPlay, batch } = this.playHosts;
    this.playHosts = { hostsAll, hosts: inPlay.filter((h) => !gone.has(h)), batch: batch.filter((h) => !gone.has(h)) };
  }

  taskVars(host: string, frame: TaskFrame, extra?: Record<string, unknown>): Record<string, unknown> {
    const role = frame.task.role;
    const roleChain = role ? this.roleChainOf(frame.play, role) : undefined;
    const vars = this.fold(host, frame.play, {
      ...rolesInScope(frame.play, roleChain ?? []),
      roleChain,
      blocks: frame.blocks,
      task: frame.task,
      includeParams: frame.includeParams,
      role,
    });
    if (extra) Object.assign(vars, extra);
    // Ansible gives every task the address it connects to (not hostvars): without ansible_host, the host's name.
    if (vars.ansible_host === undefined) vars.ansible_host = host;
    // Where Ansible looks for a task's files: the role chain innermost first, the task file's directory, the playbook's.
    const chain = role ? this.roleChainOf(frame.play, role) : [];
    vars.ansible_search_path = [...new Set([...chain.map((r) => r.path).reverse(), dirname(frame.task.origin.file), frame.play.baseDir])];
    return lazyVars(vars, this.opts.templar, { origin: frame.task.origin });
  }

  playVars(host: string): Record<string, unknown> {
    return lazyVars(this.fold(host, this.play, this.play ? rolesInScope(this.play, []) : {}), this.opts.templar, { origin: this.play?.origin });
  }

  /**
   * `hostvars[host]`: Ansible computes these without the play, so play vars, vars_files, role vars and the
   * play's magic variables are not in them; group_vars and host_vars beside the playbook are. A value
   * that needs an undefined variable (a play var, say) is shown as written, as Ansible templates these.
   */
  private hostVarsOf(host: string): Record<string, unknown> {
    return lazyVars(this.fold(host, undefined, {}, this.play?.baseDir), this.opts.templar, { origin: this.play?.origin, failOnUndefined: false });
  }

  setHostVars(host: string, vars: Record<string, unknown>): void {
    this.hostSetVars.set(host, { ...this.hostSetVars.get(host), ...vars });
  }

  /** Facts are kept under ansible_facts without their `ansible_` prefix, and also as top-level vars. */
  setFacts(host: string, facts: Record<string, unknown>): void {
    this.facts.set(host, { ...this.facts.get(host), ...facts });
  }

  setIncludedVars(host: string, vars: Record<string, unknown>): void {
    this.included.set(host, combineVars(this.included.get(host) ?? {}, vars));
  }

  clearFacts(host: string): void {
    this.facts.delete(host);
  }

  /** After meta: refresh_inventory: group_vars/host_vars beside the playbook are read again for new hosts and groups. */
  inventoryChanged(): void {
    this.adjacent.clear();
  }

  setPromptAnswers(play: Play, answers: Record<string, unknown>): void {
    this.prompted.set(play, answers);
  }

  private roleNamesOf(play: Play): { play: string[]; dependent: string[] } {
    let names = this.roleNames.get(play);
    if (!names) this.roleNames.set(play, (names = roleNamesOf(play)));
    return names;
  }

  private roleChainOf(play: Play, role: Role): Role[] {
    let chain = this.roleChains.get(role);
    if (!chain) this.roleChains.set(role, (chain = dependencyChain(play.roles, role)));
    return chain;
  }

  private fold(host: string, play: Play | undefined, scope: Partial<Parameters<typeof buildVarStack>[0]> & { role?: Role }, baseDir = play?.baseDir): Record<string, unknown> {
    const { inventory } = this.opts;
    const stack = buildVarStack({
      inventory,
      host,
      playbookAdjacent: baseDir !== undefined ? this.adjacentOf(baseDir) : undefined,
      facts: this.factsLayer(host),
      play,
      prompted: play ? this.prompted.get(play) : undefined,
      varsFiles: play ? this.loadVarsFiles(host, play) : undefined,
      roles: scope.roles,
      defaultRoles: scope.defaultRoles,
      roleChain: scope.roleChain,
      blocks: scope.blocks,
      task: scope.task,
      includeVars: this.included.get(host),
      setFacts: this.hostSetVars.get(host),
      includeParams: scope.includeParams,
      extraVars: this.opts.extraVars,
      magic: magicVars({
        inventory,
        host,
        playbookDir: this.opts.playbookDir,
        play: play ? { ...this.playHosts, name: play.name } : undefined,
        role: scope.role,
        checkMode: this.opts.checkMode,
        diffMode: this.opts.diffMode,
        runTags: this.opts.runTags,
        skipTags: this.opts.skipTags,
        optionVars: this.opts.optionVars,
        roleNames: play ? this.roleNamesOf(play) : undefined,
        hostVarsOf: (other) => this.hostVarsOf(other),
      }),
    });
    return stack.fold();
  }

  private factsLayer(host: string): Record<string, unknown> {
    const facts = this.facts.get(host);
    // Ansible defines ansible_facts for every host, empty until facts are gathered or set.
    if (!facts) return { ansible_facts: {} };
    const namespaced: Record<string, unknown> = {};
    const injected: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(facts)) {
      setOwn(namespaced, k.startsWith('ansible_') ? k.slice('ansible_'.length) : k, v);
      if (isInjectedFact(k)) setOwn(injected, k, v);
    }
    return { ...injected, ansible_facts: namespaced };
  }

  private adjacentOf(dir: string): GroupHostVars {
    let found = this.adjacent.get(dir);
    if (!found) {
      const own = loadGroupHostVarsDir(dir, this.opts.inventory);
      this.adjacent.set(dir, (found = this.opts.inventory.withPluginVars?.(dir, own) ?? own));
    }
    return found;
  }

  /** vars_files, templated per host; a list entry is the first of its files that exists. */
  private loadVarsFiles(host: string, play: Play): Record<string, unknown>[] {
    if (!play.varsFiles.length) return [];
    const cached = this.varsFiles.get(host);
    if (cached) return cached;
    this.varsFiles.set(host, []);
    // File names may use the host's inventory variables too; the empty entry above stops the recursion.
    const scope = lazyVars(this.fold(host, play, {}), this.opts.templar, { origin: play.origin });
    const loaded: Record<string, unknown>[] = [];
    for (const entry of play.varsFiles) {
      const candidates = (Array.isArray(entry) ? entry : [entry]).map((e) => String(this.opts.templar.template(e, scope, { origin: play.origin })));
      const file = findVarsFile(candidates, play.baseDir);
      if (!file) throw new TsibleError(`vars file ${candidates.join(', ')} was not found`, { origin: play.origin, hint: `searched relative to ${play.baseDir}` });
      loaded.push(loadPlayVarsFile(file));
    }
    this.varsFiles.set(host, loaded);
    return loaded;
  }
}

/**
 * Roles whose vars and defaults a task sees: every role of the play (Ansible does not keep role vars
 * private by default), then, winning over those, the task's own role with the roles around it in
 * Ansible's order. For vars: the roles that brought it in as a dependency (`chain`, outermost first),
 * then its own dependencies, then itself; for defaults its dependencies come before those roles.
 */
function rolesInScope(play: Play, chain: Role[]): { roles: Role[]; defaultRoles: Role[] } {
  const all = rolesToRun(play.roles);
  const own = chain[chain.length - 1];
  if (!own) return { roles: all, defaultRoles: all };
  const parents = chain.slice(0, -1);
  const deps = rolesToRun(own.dependencies);
  const near = new Set([...parents, ...deps, own]);
  const others = all.filter((r) => !near.has(r));
  return { roles: [...others, ...parents, ...deps, own], defaultRoles: [...others, ...deps, ...parents, own] };
}

/** The play's roles as the role-name magic variables list them: by play, and brought in as dependencies. */
function roleNamesOf(play: Play): { play: string[]; dependent: string[] } {
  const dependent = new Set<string>();
  const visit = (role: Role): void => role.dependencies.forEach((d) => {
    dependent.add(d.name);
    visit(d);
  });
  play.roles.forEach(visit);
  return { play: play.roles.map((r) => r.name), dependent: [...dependent] };
}

/** The roles from the play down to `own` through dependencies (first path found, as roles run), `own` last. */
function dependencyChain(roots: Role[], own: Role): Role[] {
  const walk = (roles: Role[], path: Role[]): Role[] | undefined => {
    for (const role of roles) {
      if (role === own) return [...path, role];
      const found = walk(role.dependencies, [...path, role]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(roots, []) ?? [own];
}
