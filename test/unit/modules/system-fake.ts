import type { Connection, ExecResult } from '../../../engine/connection/connection';
import { runModule } from '../../../engine/module/run';
import type { AnyModule, ModuleResult } from '../../../engine/module/types';

/** A host that answers each command with the first reply whose pattern it contains; records every command. */
export function fakeHost(replies: [RegExp, Partial<ExecResult>][]): Connection & { commands: string[] } {
  const commands: string[] = [];
  return {
    host: 'fake',
    commands,
    async connect() {},
    async exec(command) {
      commands.push(command);
      const hit = replies.find(([re]) => re.test(command));
      return { rc: 0, stdout: '', stderr: '', ...hit?.[1] };
    },
    async readFile() {
      return null;
    },
    async stat() {
      return { exists: false };
    },
    async putFile() {},
    async fetchFile() {
      return null;
    },
    async close() {},
  };
}

/** Runs a module on a fake host, in check mode when asked: what it did, without the invocation it echoes. */
export async function runOn(conn: Connection, mod: AnyModule, args: Record<string, unknown>, check = false, vars?: Record<string, unknown>): Promise<ModuleResult> {
  const { invocation: _invocation, ...result } = await runModule(mod, args, { connection: conn, check, vars });
  return result;
}

/** Probe output in the sections format the system modules' probe scripts print (a fixed marker id). */
export function sections(values: Record<string, string>): string {
  const id = '0'.repeat(32);
  return `@@tsible-probe-${id}\n${Object.entries(values).map(([k, v]) => `\n@@${id}:${k}@@\n${v}\n`).join('')}`;
}
