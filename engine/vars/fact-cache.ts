import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Config } from '../config/types';
import { ExitCode, TsibleError } from '../errors';
import { stripUnsafe } from '../template';
import { markUnsafe } from '../template/unsafe';

type Facts = Record<string, unknown>;

/** Where a host's facts (gathered, or set_fact cacheable) are kept: for the run, or across runs. */
export interface FactCache {
  get(host: string): Facts | undefined;
  set(host: string, facts: Facts): void;
  delete(host: string): void;
}

/** Ansible's default `memory` cache: facts last as long as the run. */
export class MemoryFactCache implements FactCache {
  private readonly facts = new Map<string, Facts>();

  get(host: string): Facts | undefined {
    return this.facts.get(host);
  }

  set(host: string, facts: Facts): void {
    this.facts.set(host, facts);
  }

  delete(host: string): void {
    this.facts.delete(host);
  }
}

/**
 * Ansible's `jsonfile` cache: one JSON file per host, `<dir>/<prefix><host>`, read the first time a
 * host's facts are asked for in a run and kept in memory from then on (so facts do not expire mid-run).
 * A file older than `timeout` seconds (0: never) has expired and is not read.
 */
export class JsonFileFactCache implements FactCache {
  private readonly memory = new Map<string, Facts | undefined>();

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly timeout: number,
    private readonly now: () => number = Date.now,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new TsibleError(`error in 'jsonfile' cache plugin while trying to create cache dir ${dir} : ${(err as Error).message}`, { exitCode: ExitCode.error });
    }
  }

  get(host: string): Facts | undefined {
    if (!this.memory.has(host)) this.memory.set(host, this.read(host));
    return this.memory.get(host);
  }

  set(host: string, facts: Facts): void {
    this.memory.set(host, facts);
    const file = this.file(host);
    const tmp = `${file}.${process.pid}.tmp`;
    // Written whole, then renamed: a run that stops half-way never leaves a truncated cache file. Private to
    // the user, as Ansible's (facts may hold secrets).
    writeFileSync(tmp, JSON.stringify(sortedKeys(stripUnsafe(facts)), null, 4), { mode: 0o600 });
    renameSync(tmp, file);
  }

  delete(host: string): void {
    this.memory.set(host, undefined);
    try {
      unlinkSync(this.file(host));
    } catch {
      // Nothing cached for the host: nothing to remove.
    }
  }

  private read(host: string): Facts | undefined {
    const file = this.file(host);
    let mtime: number;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.timeout !== 0 && this.now() - mtime > this.timeout * 1000) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      this.delete(host);
      throw new TsibleError(`The cache file ${file} was corrupt, or did not otherwise contain valid data. It has been removed, so you can re-run your command now.`, { exitCode: ExitCode.error });
    }
    // Facts came from a host: data, never templates, as when they were gathered.
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (markUnsafe(data) as Facts) : undefined;
  }

  private file(host: string): string {
    return join(this.dir, `${this.prefix}${host}`);
  }
}

function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: sortedKeys((v as Facts)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The cache plugin ansible.cfg's fact_caching names, checked before the run starts: any other than
 * memory and jsonfile is refused (a later run would not see the facts), as is jsonfile without a directory.
 */
export function factCachePlugin(config: Config): 'memory' | 'jsonfile' {
  const d = config.defaults;
  const plugin = (d.fact_caching ?? 'memory').replace(/^ansible\.builtin\./, '');
  if (plugin !== 'memory' && plugin !== 'jsonfile') {
    throw new TsibleError(`fact_caching = ${d.fact_caching} (ANSIBLE_CACHE_PLUGIN) is not supported by tsible: only memory and jsonfile are`, {
      hint: 'use fact_caching = jsonfile with fact_caching_connection = a directory, or memory (the default)',
      exitCode: ExitCode.badOptions,
    });
  }
  if (plugin === 'jsonfile' && !d.fact_caching_connection) {
    throw new TsibleError("error, 'jsonfile' cache plugin requires the 'fact_caching_connection' config option to be set (to a writeable directory path)", { exitCode: ExitCode.badOptions });
  }
  return plugin;
}

/** The fact cache the settings ask for. */
export function factCacheFor(config: Config): FactCache {
  const d = config.defaults;
  if (factCachePlugin(config) === 'memory') return new MemoryFactCache();
  return new JsonFileFactCache(d.fact_caching_connection!, d.fact_caching_prefix ?? 'ansible_facts', d.fact_caching_timeout ?? 86400);
}
