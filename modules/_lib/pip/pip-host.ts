import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext } from '../../../engine/module/types';
import { shlexSplit } from '../shlex';

/** What pip's task needs to know about the host, read in one round trip. */
export interface PipHost {
  /** The virtualenv exists (has bin/activate); true when none was asked for. */
  venvExists: boolean;
  /** The pip command line as words; empty when none was found. */
  pip: string[];
  /** `pip list --format=freeze`, empty when pip or the virtualenv is missing. */
  freeze: string;
  freezeOk: boolean;
}

export const PIP_ENV = { LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };

/**
 * Shell that sets the positional parameters to the pip command's words: an explicit executable (an
 * absolute path as it is, a name looked up on PATH, as Ansible's), the virtualenv's, the interpreter's
 * module, or pip3; none when not found. Words, not text: a path holding spaces or quotes stays one word.
 */
function choosePip(venv: string | undefined, executable: string | undefined, python: string): string {
  if (executable?.startsWith('/')) return `set -- ${shellQuote(executable)}`;
  const lookUp = (name: string) => `set --; c=$(command -v ${shellQuote(name)}) && set -- "$c"`;
  if (executable) return lookUp(executable);
  if (venv) {
    const bin = `${venv}/bin`;
    return `set --; for c in ${shellQuote(`${bin}/pip3`)} ${shellQuote(`${bin}/pip`)}; do [ -x "$c" ] && set -- "$c" && break; done`;
  }
  return `if ${shellQuote(python)} -c 'import pip' >/dev/null 2>&1; then set -- ${shellQuote(python)} -m pip.__main__; else ${lookUp('pip3')}; fi`;
}

/**
 * Shell that prints what `pip list --format=freeze` would for a self-contained virtualenv, from its
 * packages' metadata files: starting Python and pip costs ~250 ms a task, reading a few files nothing.
 * Anything it cannot vouch for (system site-packages, several pythons, egg-style installs, no
 * pyvenv.cfg) leaves `$listed` empty, and pip itself is asked.
 */
function readVenvPackages(venv: string): string {
  const v = shellQuote(venv);
  return [
    // A function: its `set --` leaves the script's positional parameters (pip's words) alone.
    `listed=; venv_packages() { set -- ${v}/lib/python*/site-packages`,
    `if [ $# -eq 1 ] && [ -d "$1" ] && grep -qi '^include-system-site-packages *= *false' ${v}/pyvenv.cfg 2>/dev/null \\`,
    `   && ! ls "$1" | grep -q -e '\\.egg-link$' -e '\\.egg-info$' -e '\\.egg$' && ls "$1" | grep -q '\\.dist-info$'; then`,
    `  listed=$(awk '{ sub(/\\r$/, "") } FNR == 1 { n = ""; v = "" } /^Name: / && n == "" { n = substr($0, 7) }` +
      ` /^Version: / && v == "" { v = substr($0, 10) } n != "" && v != "" && !seen[FILENAME]++ { print n "==" v }' "$1"/*.dist-info/METADATA | sort -f)`,
    'fi; }; venv_packages',
  ].join('\n');
}

export async function probePip(ctx: ModuleContext, venv: string | undefined, executable: string | undefined, chdir: string, python: string): Promise<PipHost> {
  const fromFiles = venv && !executable;
  const script = [
    venv ? `[ -f ${shellQuote(`${venv}/bin/activate`)} ] && v=yes || v=no` : 'v=yes',
    choosePip(venv, executable, python),
    fromFiles ? readVenvPackages(venv) : 'listed=',
    `printf '%s\\0' "$v" "$#" "$@"`,
    `if [ $# -gt 0 ] && [ -n "$listed" ]; then printf '%s\\n' "$listed"; else`,
    `  [ $# -gt 0 ] && cd ${shellQuote(chdir)} >/dev/null && { "$@" list --format=freeze 2>/dev/null || "$@" freeze; } || echo "rc=$?"; fi`,
  ].join('\n');
  const r = await ctx.probe.exec(script, { env: PIP_ENV });
  return parsePipProbe(r.stdout);
}

/**
 * The probe's output: NUL-ended `yes|no` (the virtualenv), the number of pip's words and each word, then
 * the freeze (or `rc=N` when it failed). The fields come first and are counted: no output can shift them.
 */
export function parsePipProbe(stdout: string): PipHost {
  const f = stdout.split('\0');
  const count = Number(f[1]) || 0;
  const freeze = f.slice(2 + count).join('\0');
  const failedFreeze = /^rc=\d+$/m.test(freeze);
  return {
    venvExists: f[0] === 'yes',
    pip: f.slice(2, 2 + count),
    freeze: failedFreeze ? '' : freeze,
    freezeOk: !failedFreeze,
  };
}

export interface VenvOptions {
  command: string;
  sitePackages: boolean;
  python?: string;
  /** The interpreter tsible runs modules with, which Ansible gives virtualenv as `-p`. */
  interpreter: string;
}

/** The command that creates the virtualenv, or a message when the options contradict each other. */
export function virtualenvCommand(venv: string, opts: VenvOptions): string[] | { msg: string } {
  const cmd = shlexSplit(opts.command);
  if (opts.sitePackages) cmd.push('--system-site-packages');
  const isVenvModule = ['pyvenv', '-m venv'].some((form) => opts.command.includes(form));
  if (!isVenvModule) cmd.push(`-p${opts.python ?? opts.interpreter}`);
  else if (opts.python) return { msg: 'virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command' };
  cmd.push(venv);
  return cmd;
}

