#!/usr/bin/env node
import { connect } from 'net';
import { relative, resolve } from 'path';
import { tsibleVersion } from './version';
import { Command, CommanderError } from 'commander';
import { createEc2Client } from '../aws/ec2-client';
import { realSleep } from '../aws/retry';
import { ExitCode } from '../errors';
import { clientOptions } from '../provision/client';
import { loadProvisionConfig, ProvisionConfig } from '../provision/config';
import { ProvisionDeps } from '../provision/context';
import { destroyProvision } from '../provision/destroy';
import { hostLine } from '../provision/inventory-file';
import { applyProvision, planProvision, provisionOutput } from '../provision/operations';
import { countPlan, hasChanges } from '../provision/plan';
import { renderPlan } from '../provision/render-plan';
import { runCli } from './exit';
import { CliIo, processIo, runCommand } from './cli-io';
import { Parsed, UsageError } from './options';

const ACTIONS = ['plan', 'apply', 'destroy', 'output'] as const;
type Action = (typeof ACTIONS)[number];

interface ProvisionOptions {
  action: Action;
  file: string;
  detailedExitcode: boolean;
}

/** What the commands need from the world besides the EC2 client; tests replace them. */
export type World = Pick<ProvisionDeps, 'sleep' | 'now' | 'probePort' | 'pollSeconds'>;

const PROG = 'tsible-provision';

function program(): Command {
  return new Command(PROG)
    .description('Start the EC2 instances the playbooks deploy to, and write them into the inventory')
    .argument('<action>', `one of: ${ACTIONS.join(', ')}`)
    .option('-f, --file <file>', 'the provisioning settings', 'provision.yml')
    .option('--detailed-exitcode', 'plan: exit 2 when there are changes to make, 0 when there are none')
    .version(`${PROG} ${tsibleVersion()}`, '--version', 'show the version, then exit')
    .exitOverride();
}

export function parseProvisionArgs(argv: string[]): Parsed<ProvisionOptions> {
  const cmd = program();
  let help = '';
  cmd.configureOutput({ writeOut: (t) => (help += t), writeErr: () => undefined });
  const usageError = (message: string) => new UsageError(message, PROG, cmd.helpInformation().split('\n')[0], cmd.helpInformation());
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return { kind: 'help', text: help };
    throw usageError(err instanceof Error ? err.message.replace(/^error: /, '') : String(err));
  }
  const action = cmd.args[0] as Action;
  if (!ACTIONS.includes(action)) throw usageError(`unknown action '${action}' (expected one of: ${ACTIONS.join(', ')})`);
  const opts = cmd.opts<{ file: string; detailedExitcode?: boolean }>();
  return { kind: 'run', options: { action, file: opts.file, detailedExitcode: Boolean(opts.detailedExitcode) } };
}

/** Runs `tsible-provision` with `argv` (without node and script); resolves to the exit code. */
export function main(argv: string[], io: CliIo, world: Partial<World> = {}): Promise<number> {
  return runCommand(argv, io, parseProvisionArgs, (opts, cmdIo) => run(opts, cmdIo, world));
}

async function run(opts: ProvisionOptions, io: CliIo, world: Partial<World>): Promise<number> {
  const config = loadProvisionConfig(resolve(io.cwd, opts.file));
  const deps = makeDeps(config, io, world);
  const say = (lines: string[]) => lines.forEach((l) => io.stdout(`${l}\n`));
  switch (opts.action) {
    case 'plan': {
      const plan = await planProvision(deps, config);
      say(renderPlan(plan));
      return opts.detailedExitcode && hasChanges(plan) ? 2 : ExitCode.ok;
    }
    case 'apply': {
      const { plan, hosts } = await applyProvision(deps, config);
      const c = countPlan(plan);
      say([`Apply complete! Resources: ${c.add} added, ${c.change} changed, ${c.destroy} destroyed.`, '']);
      say([`${relative(io.cwd, config.inventoryFile)} [${config.inventoryGroup}]:`, ...hosts.map(hostLine)]);
      return ExitCode.ok;
    }
    case 'destroy': {
      const { terminated, deletedGroup } = await destroyProvision(deps, config);
      say([`Destroy complete! Resources: ${terminated.length + (deletedGroup ? 1 : 0)} destroyed.`]);
      return ExitCode.ok;
    }
    case 'output':
      say((await provisionOutput(deps, config)).map(hostLine));
      return ExitCode.ok;
  }
}

function makeDeps(config: ProvisionConfig, io: CliIo, world: Partial<World>): ProvisionDeps {
  return {
    ec2: createEc2Client(clientOptions(config, io.env)),
    sleep: world.sleep ?? realSleep,
    now: world.now ?? Date.now,
    probePort: world.probePort ?? probeTcp,
    pollSeconds: world.pollSeconds,
    report: (line) => io.stdout(`${line}\n`),
  };
}

function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

if (require.main === module) void runCli(() => main(process.argv.slice(2), processIo()));
