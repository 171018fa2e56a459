import type { ModuleContext } from '../../engine/module/types';

/**
 * Runs a task's `validate:` command on the candidate content before it replaces the file. In check mode
 * the candidate is not written and the command not run (as in Ansible), so validation passes.
 * Returns an error message, or undefined when the content is valid.
 */
export async function runValidate(ctx: ModuleContext, validate: string, content: Buffer | string): Promise<string | undefined> {
  if (!validate.includes('%s')) return `validate must contain %s: ${validate}`;
  if (ctx.check) return undefined;
  const candidate = `${await ctx.tmpDir()}/candidate`;
  await ctx.apply.writeFile(candidate, content);
  const r = await ctx.apply.exec(validate.replace(/%s/g, candidate));
  if (r.rc === 0) return undefined;
  return `failed to validate: rc:${r.rc} error:${r.stderr}`;
}
