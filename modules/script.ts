import { basename } from 'path';
import { ControllerFileNotFound } from '../engine/module/controller';
import { changed, defineModule, failed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { outputKeys, runCommand } from './_lib/run-command';
import { optionalString } from './_lib/schema-parts';
import { shlexSplit } from './_lib/shlex';

interface Args {
  cmd: string;
  chdir?: string;
  creates?: string;
  removes?: string;
  executable?: string;
}

/**
 * creates/removes as Ansible's script action tests them: the exact path (no glob, no `~`), quoted, with
 * `test -e`; a verdict not to run is a skip.
 */
async function guard(ctx: ModuleContext, args: Args): Promise<ModuleResult | undefined> {
  const exists = async (path: string) => (await ctx.probe.exec(`test -e ${shellQuote(path)}`)).rc === 0;
  if (args.creates && (await exists(args.creates))) return { changed: false, skipped: true, msg: `${args.creates} exists, matching creates option` };
  if (args.removes && !(await exists(args.removes))) return { changed: false, skipped: true, msg: `${args.removes} does not exist, matching removes option` };
  return undefined;
}

export default defineModule<Args>({
  name: 'script',
  aliases: ['ansible.builtin.script', 'ansible.legacy.script'],
  supports: { checkMode: 'partial', diff: false },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  freeForm: 'cmd',
  docs: {
    short: 'Runs a local script on a remote node after transferring it',
    args: {
      cmd: 'Path of the local script (searched in files/), followed by its arguments.',
      chdir: 'Change into this directory on the host first.',
      creates: 'A path (not a glob); when it exists, the script is not run.',
      removes: 'A path (not a glob); when it does not exist, the script is not run.',
      executable: 'Run the script with this interpreter.',
    },
    examples: [{ title: 'Run a setup script', args: { cmd: 'setup.sh --fast', creates: '/etc/app/configured' } }],
  },
  schema: {
    type: 'object',
    properties: { cmd: { type: 'string' }, chdir: optionalString, creates: optionalString, removes: optionalString, executable: optionalString },
    required: ['cmd'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const skip = await guard(ctx, args);
    if (skip) return skip;
    if (args.chdir && !args.chdir.startsWith('/')) return failed(`chdir ${args.chdir} must be an absolute path for a Unix-aware remote node`);
    const [path, ...rest] = shlexSplit(args.cmd);
    let local: string;
    try {
      local = await ctx.controller.findFile(path, 'files');
    } catch (e) {
      if (e instanceof ControllerFileNotFound) return failed(e.message);
      throw e;
    }
    const body = await ctx.controller.readFile(local);
    if (body === null) return failed(`Could not find or access '${path}' on the Ansible Controller.`);
    if (ctx.check) return { changed: false, skipped: true, msg: 'Check mode is not supported for this task.' };
    const remote = `${await ctx.tmpDir()}/${basename(local)}`;
    await ctx.apply.writeFile(remote, body, { mode: 0o700 });
    const line = [args.executable ? shellQuote(args.executable) : '', shellQuote(remote), ...rest.map(shellQuote)].filter(Boolean).join(' ');
    const result = await runCommand(ctx, { chdir: args.chdir, stdin_add_newline: false, strip_empty_ends: false }, line, args.cmd);
    if (result.start === null || result.start === undefined) return result;
    const r = { rc: result.rc as number, stdout: String(result.stdout), stderr: String(result.stderr) };
    return result.failed ? failed('non-zero return code', { ...outputKeys(r, false), changed: true }) : changed(outputKeys(r, false));
  },
});
