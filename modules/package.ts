import { defineModule, failed } from '../engine/module/define';
import type { ModuleContext } from '../engine/module/types';
import { aptArgAliases, aptArgDocs, AptArgs, aptProperties } from './_lib/apt/apt-args';
import { runApt } from './_lib/apt/run-apt';

interface Args extends AptArgs {
  name: string[];
  use: string;
}

/** Package-manager commands in the order they are looked for, and the module each one means. */
const MANAGERS: [string, string][] = [['apt-get', 'apt'], ['dnf', 'dnf'], ['yum', 'yum'], ['zypper', 'zypper'], ['apk', 'apk'], ['pacman', 'pacman']];

/** The manager the facts name (ansible_pkg_mgr), else the first one the host has. */
async function packageManager(ctx: ModuleContext, use: string): Promise<string> {
  if (use !== 'auto') return use;
  const facts = ctx.vars.ansible_facts as Record<string, unknown> | undefined;
  const known = ctx.vars.ansible_pkg_mgr ?? facts?.pkg_mgr;
  if (typeof known === 'string' && known !== 'unknown') return known;
  const script = MANAGERS.map(([cmd, mod]) => `command -v ${cmd} >/dev/null 2>&1 && echo ${mod} && exit 0`).join('; ');
  const r = await ctx.probe.exec(`${script}; echo unknown`);
  return r.stdout.trim().split('\n')[0] || 'unknown';
}

export default defineModule<Args>({
  name: 'package',
  aliases: ['ansible.builtin.package', 'ansible.legacy.package'],
  supports: { checkMode: 'full', diff: true },
  // Ansible's action hands another module arguments it makes (a temp src, the manager's module): that
  // invocation is not this task's arguments, and tsible has no such module run to show.
  invocation: false,
  argAliases: aptArgAliases,
  docs: {
    short: 'Generic OS package manager',
    description:
      "Installs or removes packages with the host's package manager, taken from the ansible_pkg_mgr fact or found on the host; other arguments go to that manager's module. tsible implements apt (Debian, Ubuntu).",
    args: { ...aptArgDocs, name: 'Package names, with versions as the package manager spells them.', use: "The package manager's module; `auto` picks it from facts or the host." },
    returns: { stdout: "The package manager's output", stderr: "The package manager's error output" },
    examples: [{ title: 'Make sure git is installed', args: { name: 'git', state: 'present' } }],
  },
  schema: {
    type: 'object',
    properties: {
      ...aptProperties,
      name: { type: 'array', items: { type: 'string' } },
      // Ansible's package action hands the arguments to apt, whose state defaults to present.
      state: { type: 'string', enum: ['present', 'absent', 'latest', 'fixed'], default: 'present' },
      use: { type: 'string', default: 'auto' },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const manager = await packageManager(ctx, args.use);
    if (manager === 'unknown') return failed('Could not detect which package manager to use. Try gathering facts or setting the "use" option.');
    if (manager !== 'apt') return failed(`Could not find a module for ${manager}.`);
    return runApt(ctx, args);
  },
});
