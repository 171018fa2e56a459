import { spawnSync } from 'child_process';
import { statSync } from 'fs';
import { delimiter } from 'path';
import { collectionSearch } from '../../plugins/collections';
import { controllerAnsible } from './ansible-core';
import { DOC_SCRIPT } from './doc-script';

/** One option as a module's DOCUMENTATION (or a literal argument_spec) describes it. */
export interface PythonOption {
  /** null: a literal argument_spec naming its type with something only running the module knows. */
  type?: string | null;
  required?: boolean;
  choices?: unknown[];
  aliases?: string[];
  default?: unknown;
  elements?: string;
  options?: Record<string, PythonOption>;
  suboptions?: Record<string, PythonOption>;
}

/** What a Python module's file says about itself, read without running it. */
export interface PythonModuleDoc {
  doc?: Record<string, unknown> & { options?: Record<string, PythonOption>; short_description?: string };
  examples?: string;
  returndocs?: Record<string, unknown>;
  /** What the module's source and the module_utils it imports spell, and the options they mark required. */
  evidence?: { words: string[]; required: string[] } | null;
  /** The literal argument_spec, read only when DOCUMENTATION has no options. */
  argument_spec?: Record<string, PythonOption> | null;
  /** ansible-doc's text for the module, when asked for. */
  text?: string;
  error?: string;
}

export interface DocRequest {
  file: string;
  /** `ns.coll` for a collection module, `ansible.builtin` for ansible-core's; none for a library module. */
  collection?: string;
  /** The name ansible-doc shows. */
  name: string;
  hasAction?: boolean;
}

/** Docs read in this process, by file and mtime: each module is read once per run. */
const cache = new Map<string, { mtimeMs: number; doc: PythonModuleDoc }>();

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Runs the doc script with ansible-core's Python; collections are searched where tsible searches them. */
function runScript(request: Record<string, unknown>): Record<string, unknown> {
  const core = controllerAnsible();
  if (!core) throw new Error('reading a Python module\'s documentation needs ansible-core on the controller (python3 -c "import ansible" fails)');
  const env = { ...process.env, ANSIBLE_COLLECTIONS_PATH: collectionSearch().roots().join(delimiter), ANSIBLE_NOCOLOR: '1' };
  const run = spawnSync(core.python, ['-c', DOC_SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`could not read Python module documentation with ${core.python}: ${(run.stderr || run.error?.message || 'no output').trim().split('\n').pop()}`);
  }
  const result = parsed as Record<string, unknown>;
  if (typeof result.__error__ === 'string') throw new Error(result.__error__);
  return result;
}

/**
 * The documentation of these module files, read in one short-lived Python process for those not read yet
 * (`render`: with ansible-doc's text, never cached). Throws when ansible-core cannot be run.
 */
export function readPythonDocs(modules: DocRequest[], opts: { render?: boolean; columns?: number } = {}): Map<string, PythonModuleDoc> {
  const out = new Map<string, PythonModuleDoc>();
  const missing: DocRequest[] = [];
  for (const m of modules) {
    const hit = cache.get(m.file);
    if (!opts.render && hit && hit.mtimeMs === mtime(m.file)) out.set(m.file, hit.doc);
    else if (!missing.some((x) => x.file === m.file)) missing.push(m);
  }
  if (missing.length === 0) return out;
  const request = { op: 'read', render: opts.render ?? false, columns: opts.columns, modules: missing.map((m) => ({ file: m.file, collection: m.collection, name: m.name, has_action: m.hasAction })) };
  const result = runScript(request);
  for (const m of missing) {
    const doc = (result[m.file] ?? { error: 'not read' }) as PythonModuleDoc;
    const at = mtime(m.file);
    const kept: PythonModuleDoc = { ...doc, text: undefined };
    if (at !== undefined) cache.set(m.file, { mtimeMs: at, doc: kept });
    out.set(m.file, opts.render ? doc : kept);
  }
  return out;
}

/** Every collection module's FQCN and short description (`filter`: a collection or namespace), as ansible-doc -l finds them. */
export function listCollectionModules(filter?: string): Map<string, string> {
  const result = runScript({ op: 'list', filter });
  return new Map(Object.entries(result).map(([k, v]) => [k, String(v)]));
}

/** The collection a module file belongs to (`ns.coll`), from its path; undefined outside a collection. */
export function collectionOfFile(file: string): string | undefined {
  const parts = file.split('/');
  const at = parts.lastIndexOf('ansible_collections');
  return at >= 0 && parts[at + 3] === 'plugins' && parts[at + 4] === 'modules' ? `${parts[at + 1]}.${parts[at + 2]}` : undefined;
}
