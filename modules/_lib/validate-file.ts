import type { ExecResult, PutContent } from '../../engine/connection/connection';
import type { ModuleContext } from '../../engine/module/types';

/**
 * Runs a task's `validate:` command on the candidate content before it replaces the file. In check mode
 * the candidate is not written and the command not run (as in Ansible), so validation passes.
 * Returns the failed run, or undefined when the content is valid.
 */
export async function runValidate(ctx: ModuleContext, validate: string, content: PutContent): Promise<ExecResult | undefined> {
  if (!validate.includes('%s')) return { rc: 1, stdout: '', stderr: `validate must contain %s: ${validate}` };
  if (ctx.check) return undefined;
  const candidate = `${await ctx.tmpDir()}/candidate`;
  await ctx.apply.writeFile(candidate, content);
  const r = await ctx.apply.exec(validate.replace(/%s/g, candidate));
  return r.rc === 0 ? undefined : r;
}
