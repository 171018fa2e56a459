import { existsSync, promises as fs } from 'fs';
import { homedir } from 'os';
import { isAbsolute, join } from 'path';
import type { Templar, TemplateOptions } from '../template/types';
import { ansibleTemplateVars } from '../template/template-vars';
import type { ControllerSide } from './types';
import { unvaultText } from '../vault/vault';

export interface ControllerOptions {
  /** Base directories in Ansible's order: the role's dir (and its parents'), the task file's dir, the playbook's dir. */
  searchPaths: string[];
  templar: Templar;
  vars: Record<string, unknown>;
  templateOptions?: TemplateOptions;
}

/** A controller-side file a task named could not be found; the message lists where it was looked for. */
export class ControllerFileNotFound extends Error {}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** Where Ansible looks for a relative `src:`: under `<base>/<kind>/`, then `<base>/`, for each base in turn. */
export function candidatePaths(path: string, kind: 'files' | 'templates', searchPaths: string[]): string[] {
  const p = expandHome(path);
  if (isAbsolute(p)) return [p];
  return searchPaths.flatMap((base) => [join(base, kind, p), join(base, p)]);
}

/** Finds a controller file as Ansible's lookup does, or throws with Ansible's message. */
export function findControllerFile(path: string, kind: 'files' | 'templates', searchPaths: string[]): string {
  const candidates = candidatePaths(path, kind, searchPaths);
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  throw new ControllerFileNotFound(
    `Could not find or access '${path}'\nSearched in:\n${candidates.map((c) => `\t${c}`).join('\n')}\n on the Ansible Controller.\n` +
      'If you are using a module and expect the file to exist on the remote, see the remote_src option',
  );
}

/** The controller side of a task's `ctx`: file search, template rendering and conditionals with the task's vars. */
export function createControllerSide(opts: ControllerOptions): ControllerSide {
  return {
    findFile: async (path, kind) => findControllerFile(path, kind, opts.searchPaths),
    async renderTemplate(path, blocks, given) {
      const text = unvaultText(await fs.readFile(path, 'utf8'), path);
      // template_path, template_host, ansible_managed… are visible to the template, as in Ansible.
      const vars = Object.assign(Object.create(opts.vars), ansibleTemplateVars(given?.src ?? path, path, given?.dest, opts.templar.managed));
      return opts.templar.renderFile(text, vars, { ...opts.templateOptions, blocks, origin: { file: path, line: 1, column: 1 } });
    },
    evaluate: (expr) => opts.templar.evaluateConditional(expr, opts.vars, opts.templateOptions),
    async readFile(path) {
      try {
        return await fs.readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}
