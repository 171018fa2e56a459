import { changed, defineModule, failed } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { interpreterSetting } from '../engine/module/python/interpreter';
import { probePip, PIP_ENV, virtualenvCommand } from './_lib/pip/pip-host';
import { extraWords, PipRequest, PipState, predictChange, requirementsOf, STATE_WORDS } from './_lib/pip/pip-plan';
import { optionalString } from './_lib/schema-parts';

interface Args extends PipRequest {
  virtualenv?: string;
  virtualenv_site_packages: boolean;
  virtualenv_command: string;
  virtualenv_python?: string;
  chdir?: string;
  executable?: string;
  umask?: string;
}

/** Ansible's failure text for a pip or virtualenv command. */
function commandFailed(cmd: string[], out: string, err: string): ModuleResult {
  return failed(`${out ? `stdout: ${out}` : ''}${err ? `\n:stderr: ${err}` : ''}`, { cmd });
}

function interpreter(ctx: ModuleContext): string {
  const v = interpreterSetting(ctx);
  return v !== 'auto' && !v.startsWith('auto_') ? v : '/usr/bin/python3';
}

/** Creates the virtualenv; undefined when that worked, else the failure. */
async function createVenv(ctx: ModuleContext, args: Args, venv: string, chdir: string, out: string[]): Promise<ModuleResult | undefined> {
  const cmd = virtualenvCommand(venv, { command: args.virtualenv_command, sitePackages: args.virtualenv_site_packages, python: args.virtualenv_python, interpreter: interpreter(ctx) });
  if (!Array.isArray(cmd)) return failed(cmd.msg);
  const r = await ctx.apply.exec(`${umaskPrefix(args)}${shellJoin(cmd)}`, { cwd: chdir, env: PIP_ENV });
  out.push(r.stdout, r.stderr);
  if (r.rc !== 0) return commandFailed(cmd, r.stdout, r.stderr);
  return undefined;
}

const umaskPrefix = (args: Args) => (args.umask ? `umask ${args.umask} && ` : '');

async function run(ctx: ModuleContext, args: Args): Promise<ModuleResult> {
  if (!args.name && !args.requirements) return failed('one of the following is required: name, requirements');
  if (args.umask && !/^[0-7]+$/.test(args.umask)) return failed('umask must be an octal integer');
  if (args.state === 'latest' && args.version !== undefined) return failed('version is incompatible with state=latest');
  const reqs = requirementsOf(args);
  if (!Array.isArray(reqs)) return failed(reqs.msg);
  const chdir = args.chdir ?? '/tmp';
  const venv = args.virtualenv && args.chdir && !args.virtualenv.startsWith('/') ? `${args.chdir}/${args.virtualenv}` : args.virtualenv;
  let host = await probePip(ctx, venv, args.executable, chdir, interpreter(ctx));
  const venvOutput: string[] = [];
  const venvCreated = venv !== undefined && !host.venvExists;
  if (venv && venvCreated) {
    // Ansible cannot say more in check mode without the virtualenv; nor can we.
    if (ctx.check) return changed();
    const failure = await createVenv(ctx, args, venv, chdir, venvOutput);
    if (failure) return failure;
    host = await probePip(ctx, venv, args.executable, chdir, interpreter(ctx));
  }
  if (host.pip.length === 0) {
    return failed(venv ? `Unable to find pip in the virtualenv, ${venv}, under any of these names: pip3, pip. Make sure pip is present in the virtualenv.` : `Unable to find any of ${args.executable ?? 'pip3'} to use.  pip needs to be installed.`);
  }
  const cmd = [...host.pip, ...STATE_WORDS[args.state], ...extraWords(args), ...(args.name ? reqs.map((r) => r.text) : ['-r', args.requirements ?? ''])];
  const keys = { cmd, name: args.name ?? null, version: args.version ?? null, state: args.state, requirements: args.requirements ?? null, virtualenv: venv ?? null };
  const predicted = host.freezeOk ? predictChange(args, reqs, host.freeze) : undefined;
  if (ctx.check) {
    return { changed: predicted ?? true, cmd: [...host.pip, 'list', '--format=freeze'].join(' '), stdout: host.freeze, stderr: '' };
  }
  let [out = '', err = ''] = venvOutput;
  if (predicted === false) return { ...keys, changed: venvCreated, stdout: out, stderr: err };
  // As Ansible does, the virtualenv's bin comes first on PATH, so builds find its python.
  const path = venv ? `PATH=${shellQuote(`${venv}/bin`)}:"$PATH" ` : '';
  const r = await ctx.apply.exec(`${umaskPrefix(args)}${path}${shellJoin(cmd)}`, { cwd: chdir, env: PIP_ENV });
  out += r.stdout;
  err += r.stderr;
  const notInstalled = r.rc === 1 && args.state === 'absent' && /not installed/.test(r.stdout + r.stderr);
  if (r.rc !== 0 && !notInstalled) return commandFailed(cmd, out, err);
  const did = args.state === 'absent' ? r.stdout.includes('Successfully uninstalled') : await installedSomething(ctx, args, host.freeze, r.stdout, host.pip, chdir);
  return { ...keys, changed: did || venvCreated, stdout: out, stderr: err };
}

/** Requirements files can change versions without "Successfully installed": compare the freeze before and after. */
async function installedSomething(ctx: ModuleContext, args: Args, before: string, stdout: string, pip: string[], chdir: string): Promise<boolean> {
  if (!args.requirements) return stdout.includes('Successfully installed');
  const after = await ctx.probe.exec(`${shellJoin([...pip, 'list', '--format=freeze'])} 2>/dev/null`, { cwd: chdir, env: PIP_ENV });
  return after.stdout !== before;
}

export default defineModule<Args>({
  name: 'pip',
  aliases: ['ansible.builtin.pip', 'ansible.legacy.pip'],
  supports: { checkMode: 'full', diff: false },
  mutuallyExclusive: [['name', 'requirements'], ['executable', 'virtualenv']],
  docs: {
    short: 'Manages Python library dependencies',
    description:
      'Installs Python packages with pip, into a virtualenv (created when missing) if one is named. The installed packages are read in the same round trip, from the package metadata of a self-contained virtualenv or else with `pip list --format=freeze`; when they already satisfy the request pip is not run, and check mode predicts from them.',
    args: {
      name: 'Packages, with version specifiers (`flask>=2`), URLs or paths.',
      version: 'The version of the single package in name.',
      requirements: 'A requirements file on the host.',
      virtualenv: 'A virtualenv directory to install into; created when missing.',
      virtualenv_site_packages: 'The new virtualenv sees the global site-packages.',
      virtualenv_command: 'How to create it: `virtualenv` (default), `python3 -m venv`, or a path.',
      virtualenv_python: 'The Python virtualenv uses (-p); not with the venv module.',
      state: 'present, absent, latest or forcereinstall.',
      extra_args: 'More pip arguments, e.g. `--no-index --find-links /srv/wheels`.',
      editable: 'Pass -e (an editable install).',
      chdir: 'Directory pip runs in; default /tmp.',
      executable: 'The pip to run (a path, or a name on PATH); not with virtualenv.',
      umask: 'The umask pip runs with, octal.',
    },
    returns: { cmd: 'The pip command', name: 'The packages', requirements: 'The requirements file', state: 'The state', stdout: "pip's output", stderr: "pip's error output", version: 'The version given', virtualenv: 'The virtualenv' },
    examples: [
      { title: 'Into a virtualenv made with the venv module', args: { name: ['flask>=2', 'gunicorn'], virtualenv: '/srv/app/venv', virtualenv_command: 'python3 -m venv' } },
      { title: 'From a requirements file', args: { requirements: '/srv/app/requirements.txt', virtualenv: '/srv/app/venv' } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'array', items: { type: 'string' }, nullable: true },
      version: optionalString,
      requirements: optionalString,
      virtualenv: optionalString,
      virtualenv_site_packages: { type: 'boolean', default: false },
      virtualenv_command: { type: 'string', default: 'virtualenv' },
      virtualenv_python: optionalString,
      state: { type: 'string', enum: Object.keys(STATE_WORDS) as PipState[], default: 'present' },
      extra_args: optionalString,
      editable: { type: 'boolean', default: false },
      chdir: optionalString,
      executable: optionalString,
      umask: optionalString,
    },
    required: [],
    additionalProperties: false,
  },
  run,
});
