import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { readFile } from 'fs/promises';
import { controllerAnsible, noAnsibleCoreMessage } from './ansible-core';
import { PACKAGER_SCRIPT } from './packager-script';

/** A module zipped with the module_utils it imports, as the host's Python runs it. */
export interface ModulePackage {
  zip: Buffer;
  /** sha256 of the zip: the package's name on hosts. */
  sha: string;
  /** The module's Python name inside the zip (`ansible.modules.ping`). */
  fqn: string;
  /** Paths inside the zip, for -vvvvv and tests. */
  files: string[];
  /** The controller's ansible-core version, passed to the module as _ansible_version. */
  version: string;
}

export interface PackageRequest {
  file: string;
  fqn: string;
  /** Directories holding an `ansible_collections/` tree, where collection module_utils resolve. */
  importRoots: string[];
  /** `module_utils/` directories (beside the playbook, a role's, ansible.cfg's) tried before ansible-core's. */
  moduleUtilsDirs: string[];
}

/** A package could not be built; the message is for the user as it is. */
export class PackageError extends Error {}

/** Built packages by module source and request, so a module used by many tasks is packaged once per run. */
const built = new Map<string, Promise<ModulePackage>>();

/** The end of a run: a module_utils file edited before the next run (same process) is packaged afresh. */
export function forgetPackages(): void {
  built.clear();
}

export async function packageModule(req: PackageRequest): Promise<ModulePackage> {
  const source = await readFile(req.file);
  const key = createHash('sha256').update(source).update(JSON.stringify(req)).digest('hex');
  let pkg = built.get(key);
  if (!pkg) {
    pkg = build(req);
    // A failure is not kept: the user may install ansible-core or fix the import and run again.
    pkg.catch(() => built.delete(key));
    built.set(key, pkg);
  }
  return pkg;
}

async function build(req: PackageRequest): Promise<ModulePackage> {
  const core = controllerAnsible();
  if (!core) throw new PackageError(noAnsibleCoreMessage(req.fqn.split('.').pop() ?? req.fqn));
  const input = JSON.stringify({ module_file: req.file, module_fqn: req.fqn, import_roots: req.importRoots, module_utils_dirs: req.moduleUtilsDirs });
  const { stdout, stderr, code } = await runPython(core.python, PACKAGER_SCRIPT, input);
  let reply: { zip?: string; files?: string[]; version?: string; error?: string };
  try {
    reply = JSON.parse(stdout.trim().split('\n').pop() ?? '') as typeof reply;
  } catch {
    // The packager prints one JSON line; anything else is Python failing before it could.
    throw new PackageError(`could not package module ${req.file} (exit ${code}): ${(stderr || stdout).trim()}`);
  }
  if (reply.error || !reply.zip) throw new PackageError(reply.error ?? `could not package module ${req.file}`);
  const zip = Buffer.from(reply.zip, 'base64');
  return { zip, sha: createHash('sha256').update(zip).digest('hex'), fqn: req.fqn, files: reply.files ?? [], version: reply.version ?? core.version };
}

function runPython(python: string, script: string, input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
    child.stdin.end(input);
  });
}
