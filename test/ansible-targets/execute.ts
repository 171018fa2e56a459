/**
 * Runs one target with one tool as `ansible-test integration --local` does: its runme.sh, or a playbook
 * applying its role to testhost, with the ANSIBLE_* environment ansible-test sets (ansible_util.py
 * ansible_environment + configure_plugin_paths, integration/__init__.py integration_environment).
 */
import { execFileSync, spawn } from 'child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Target } from './targets';
import { RemoteHost, startRemoteHost } from './remote-host';
import { makeWorkspace, rolePlaybook, Workspace } from './workspace';

export interface Tool {
  name: 'ansible' | 'tsible';
  /** Prepended to PATH: for tsible, a directory of ansible-* shims running tsible's commands. */
  binDir?: string;
}

export interface RunOutput {
  rc: number | null;
  timedOut: boolean;
  seconds: number;
  output: string;
  /** Where the output was written (the last run's, if setup targets ran first). */
  logPath: string;
}

export interface RunContext {
  src: string;
  all: Map<string, Target>;
  workDir: string;
  timeoutSeconds: number;
  verbosity: number;
  /**
 * First on PATH, as ansible-test's injector and python directories are: `virtualenv.sh`, which runme.sh
 * scripts source, and `python`/`python3` meaning the controller's Python (the one ansible-core is installed in).
 */
  injectorDir: string;
  /** Phase 2: each target and tool gets a fresh container test host as testhost. */
  remote: boolean;
}

/** Writes the injector directory (ansible-test's get_injector_path and get_python_path). */
export function injector(src: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ['python', 'python3', `python${PYTHON_VERSION}`]) symlinkSync(CONTROLLER_PYTHON, join(dir, name));
  const script = readFileSync(join(src, 'test/lib/ansible_test/_util/target/injector/virtualenv.sh'), 'utf8');
  writeFileSync(join(dir, 'virtualenv.sh'), `#!/usr/bin/env bash\n${script}`);
  return dir;
}

/** Writes the shim directory: ansible-playbook, ansible and ansible-inventory meaning tsible's commands. */
export function tsibleShims(tsibleDir: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const commands: Record<string, string> = {
    'ansible-playbook': 'tsible-playbook.js',
    ansible: 'tsible.js',
    'ansible-inventory': 'tsible-inventory.js',
  };
  for (const [name, file] of Object.entries(commands)) {
    const js = join(tsibleDir, 'dist/engine/cli', file);
    if (!existsSync(js)) throw new Error(`${js} is missing: run npm run build in ${tsibleDir}`);
    writeFileSync(join(dir, name), `#!/bin/sh\nexec '${process.execPath}' '${js}' "$@"\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** Runs the target's setup targets, then the target, stopping at the first that fails. */
export async function runTarget(ctx: RunContext, target: Target, tool: Tool): Promise<RunOutput> {
  const started = Date.now();
  const outputs: string[] = [];
  const deadline = started + ctx.timeoutSeconds * 1000;
  let logPath = '';
  const host = ctx.remote ? await startRemoteHost() : undefined;
  if (host) liveHosts.add(host);
  try {
    for (const name of [...target.setup, target.name]) {
      const t = ctx.all.get(name) as Target;
      const ws = makeWorkspace(ctx.src, t, ctx.all, join(ctx.workDir, tool.name), host?.inventory);
      await host?.mirrorDir(ws.outputDir);
      const result = await runOne(ctx, ws, t, tool, deadline);
      outputs.push(result.output);
      logPath = result.logPath;
      if (result.rc !== 0 || result.timedOut) return { ...result, seconds: (Date.now() - started) / 1000, output: outputs.join('\n') };
    }
  } finally {
    if (host) liveHosts.delete(host);
    await host?.stop();
  }
  return { rc: 0, timedOut: false, seconds: (Date.now() - started) / 1000, output: outputs.join('\n'), logPath };
}

function runOne(ctx: RunContext, ws: Workspace, target: Target, tool: Tool, deadline: number): Promise<RunOutput> {
  const verbose = ctx.verbosity > 0 ? [`-${'v'.repeat(ctx.verbosity)}`] : [];
  const env = environment(ctx, ws, target, tool);
  let command: string;
  let args: string[];
  let cwd: string;
  if (target.kind === 'script') {
    cwd = join(ws.targetsDir, target.name);
    command = './runme.sh';
    args = verbose;
  } else {
    cwd = ws.integrationDir;
    command = 'ansible-playbook';
    args = [rolePlaybook(ws, target), '-i', 'inventory', ...verbose];
    env.ANSIBLE_ROLES_PATH = ws.targetsDir;
  }
  env.ANSIBLE_PLAYBOOK_DIR = cwd;
  return spawnWithDeadline(command, args, cwd, env, join(ws.root, 'output.log'), deadline);
}

/** The Python ansible-core is installed in (ansible-playbook's interpreter), not whichever python3 is first on PATH. */
const CONTROLLER_PYTHON = '/usr/bin/python3';
const PYTHON_VERSION = execFileSync(CONTROLLER_PYTHON, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();

function environment(ctx: RunContext, ws: Workspace, target: Target, tool: Tool): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ANSIBLE_') && !key.startsWith('TSIBLE_')) env[key] = value;
  }
  const plugins = join(ctx.src, 'test/support/integration/plugins');
  Object.assign(env, {
    ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE: '1024',
    ANSIBLE_FORCE_COLOR: 'false',
    ANSIBLE_FORCE_HANDLERS: 'true',
    ANSIBLE_HOST_PATTERN_MISMATCH: 'error',
    ANSIBLE_INVENTORY: '/dev/null',
    ANSIBLE_DEPRECATION_WARNINGS: 'false',
    ANSIBLE_HOST_KEY_CHECKING: 'false',
    ANSIBLE_RETRY_FILES_ENABLED: 'false',
    ANSIBLE_CONFIG: ws.ansibleConfig,
    ANSIBLE_LIBRARY: '/dev/null',
    ANSIBLE_DEVEL_WARNING: 'false',
    PAGER: '/bin/cat',
    PATH: [tool.binDir, ctx.injectorDir, process.env.PATH].filter((p) => p).join(':'),
    ANSIBLE_WORKER_SHUTDOWN_POLL_COUNT: '100',
    ANSIBLE_WORKER_SHUTDOWN_POLL_DELAY: '0.1',
    ANSIBLE_PYTHON_INTERPRETER: '/set/ansible_python_interpreter/in/inventory',
  });
  const pluginDirs: Record<string, string> = {
    ANSIBLE_FILTER_PLUGINS: 'filter',
    ANSIBLE_LOOKUP_PLUGINS: 'lookup',
    ANSIBLE_TEST_PLUGINS: 'test',
    ANSIBLE_CALLBACK_PLUGINS: 'callback',
    ANSIBLE_ACTION_PLUGINS: 'action',
    ANSIBLE_LIBRARY: 'modules',
    ANSIBLE_MODULE_UTILS: 'module_utils',
  };
  for (const [key, sub] of Object.entries(pluginDirs)) {
    if (existsSync(join(plugins, sub))) env[key] = join(plugins, sub);
  }
  Object.assign(env, {
    JUNIT_OUTPUT_DIR: ws.junitDir,
    JUNIT_TASK_RELATIVE_PATH: ws.root,
    JUNIT_REPLACE_OUT_OF_TREE_PATH: 'out-of-tree:',
    ANSIBLE_CALLBACKS_ENABLED: 'junit',
    ANSIBLE_TEST_CI: 'local',
    ANSIBLE_TEST_COVERAGE: '',
    ANSIBLE_TEST_PYTHON_VERSION: PYTHON_VERSION,
    ANSIBLE_TEST_PYTHON_INTERPRETER: CONTROLLER_PYTHON,
    OUTPUT_DIR: ws.outputDir,
    INVENTORY_PATH: ws.inventory,
  });
  if (target.aliases.includes('non_local')) env.ANSIBLE_TEST_REMOTE_INTERPRETER = '';
  return env;
}

/** Process groups and container hosts of the runs under way, ended if the runner itself is interrupted. */
const live = new Set<number>();
const liveHosts = new Set<RemoteHost>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of live) killGroup(pid);
    void Promise.allSettled([...liveHosts].map((h) => h.stop())).then(() => process.exit(130));
  });
}

/** Runs in its own process group so that a timeout ends everything the target started. */
function spawnWithDeadline(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  logPath: string,
  deadline: number,
): Promise<RunOutput> {
  const started = Date.now();
  const log = openSync(logPath, 'w');
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log], detached: true });
    if (child.pid !== undefined) live.add(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, Math.max(1000, deadline - Date.now()));
    let done = false;
    const finish = (rc: number | null, extra = ''): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killGroup(child.pid);
      if (child.pid !== undefined) live.delete(child.pid);
      closeSync(log);
      const output = readFileSync(logPath, 'utf8') + extra;
      resolve({ rc, timedOut, seconds: (Date.now() - started) / 1000, output, logPath });
    };
    child.on('error', (err) => finish(127, `\n[runner] could not start ${command}: ${err.message}\n`));
    child.on('exit', (code, signal) => finish(code ?? (signal ? 128 : null)));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
