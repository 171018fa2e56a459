import { join } from 'path';
import { Origin } from '../errors';
import { loadTaskList, Scope } from './block';
import { findFile, isDict, LoadContext } from './context';
import { Role, TaskOrBlock } from './types';

/**
 * A role's argument specs: meta/argument_specs.yml when present, else the `argument_specs` key of
 * meta/main.yml, as Ansible reads them.
 */
function argumentSpecs(role: Role, meta: unknown, ctx: LoadContext): { specs: Record<string, unknown>; file: string } | undefined {
  const dir = join(role.path, 'meta');
  const file = ['argument_specs.yml', 'argument_specs.yaml', 'argument_specs'].map((f) => findFile(f, [dir])).find((f) => f !== undefined);
  if (file) {
    const data = ctx.loadYaml(file);
    return isDict(data) && isDict(data.argument_specs) ? { specs: data.argument_specs, file } : undefined;
  }
  return isDict(meta) && isDict(meta.argument_specs) ? { specs: meta.argument_specs, file: join(dir, 'main.yml') } : undefined;
}

/**
 * The task Ansible puts first in a role whose entry point (`tasks_from`, else main) has an argument spec:
 * ansible.builtin.validate_argument_spec checks the role's parameters against it, whatever tags select.
 */
export function validationTasks(role: Role, entryPoint: string, meta: unknown, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  const found = argumentSpecs(role, meta, ctx);
  const spec = found?.specs[entryPoint];
  if (!found || !isDict(spec)) return [];
  const name = `Validating arguments against arg spec '${entryPoint}'${spec.short_description !== undefined ? ` - ${String(spec.short_description)}` : ''}`;
  const task = {
    name,
    action: {
      module: 'ansible.builtin.validate_argument_spec',
      argument_spec: isDict(spec.options) ? spec.options : {},
      provided_arguments: role.params,
      validate_args_context: { type: 'role', name: role.name, argument_spec_name: entryPoint, path: role.path },
    },
    tags: ['always'],
  };
  const origin: Origin = { file: found.file, line: 1, column: 1 };
  return loadTaskList([task], { ...scope, file: found.file }, ctx, origin);
}
