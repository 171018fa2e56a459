import { ExitCode, TsibleError } from '../errors';
import { Play, VarsPrompt } from '../playbook/types';
import { UnsafeText } from '../playbook/yaml';
import { pyStr } from '../template/python';
import { Templar } from '../template/types';
import { lazyVars } from '../vars/lazy';
import { asBool } from './task-settings';

/** One vars_prompt question, as the terminal shows it. */
export interface PromptQuestion {
  /** The whole line before the cursor, e.g. `Your name [bob]: `. */
  message: string;
  /** Not echoed. */
  private: boolean;
  /** Asked twice until both answers match. */
  confirm: boolean;
}

/** Asks one question on the terminal and gives the answer typed. */
export type VarsPrompter = (question: PromptQuestion) => Promise<string>;

export interface VarsPromptContext {
  templar: Templar;
  extraVars: Record<string, unknown>;
  /** Absent when standard input is not a terminal: then nothing is asked and defaults are taken. */
  ask?: VarsPrompter;
}

/**
 * The play's vars_prompt answers, by variable name. Like ansible-playbook, a variable given with -e is
 * not asked for; without a terminal the default is taken (Python's 'None' when there is none).
 */
export async function answerVarsPrompt(play: Play, ctx: VarsPromptContext): Promise<Record<string, unknown>> {
  const scope = lazyVars({ ...play.vars, ...ctx.extraVars }, ctx.templar, { origin: play.origin });
  const answers: Record<string, unknown> = {};
  for (const entry of play.varsPrompt) {
    if (Object.prototype.hasOwnProperty.call(ctx.extraVars, entry.name)) continue;
    const field = (v: unknown) => ctx.templar.template(v, scope, { origin: entry.origin });
    const given = ctx.ask ? await ctx.ask(question(entry, field)) : undefined;
    const dflt = entry.default === undefined ? undefined : field(entry.default);
    let answer: unknown = !given && dflt !== undefined && dflt !== null ? dflt : given;
    const encrypt = field(entry.encrypt);
    if (encrypt !== undefined && encrypt !== null && encrypt !== '') answer = hashed(entry, answer, encrypt, field, ctx.templar);
    const text = answer === undefined ? 'None' : pyStr(answer);
    answers[entry.name] = asBool(field(entry.unsafe)) ? new UnsafeText(text) : text;
  }
  return answers;
}

function question(entry: VarsPrompt, field: (v: unknown) => unknown): PromptQuestion {
  // A prompt key left out asks with the name; one given empty asks `input for <name>`.
  const prompt = entry.prompt === undefined ? entry.name : field(entry.prompt);
  const dflt = entry.default === undefined ? undefined : field(entry.default);
  let message = `input for ${entry.name}: `;
  if (prompt && dflt !== undefined && dflt !== null) message = `${pyStr(prompt)} [${pyStr(dflt)}]: `;
  else if (prompt) message = `${pyStr(prompt)}: `;
  return { message, private: asBool(field(entry.private), true), confirm: asBool(field(entry.confirm)) };
}

/** encrypt: the answer through password_hash, with the entry's salt and salt_size. */
function hashed(entry: VarsPrompt, answer: unknown, scheme: unknown, field: (v: unknown) => unknown, templar: Templar): string {
  const origin = entry.origin;
  if (answer === undefined) {
    throw new TsibleError(`vars_prompt '${entry.name}': there is nothing to encrypt`, { origin, hint: 'no answer was asked for (standard input is not a terminal) and there is no default' });
  }
  if (scheme !== 'sha512_crypt' && scheme !== 'sha256_crypt') {
    throw new TsibleError(`vars_prompt '${entry.name}': encrypt '${pyStr(scheme)}' is not supported`, { origin, hint: 'use sha512_crypt or sha256_crypt', exitCode: ExitCode.error });
  }
  const salt = field(entry.salt);
  const size = field(entry.saltSize);
  // Unsafe, so an answer that looks like a template is hashed as typed.
  const vars = { answer: new UnsafeText(pyStr(answer)), scheme, salt: salt ?? null, size: size ?? null };
  return String(templar.template('{{ answer | password_hash(scheme, salt, size) }}', vars, { origin }));
}
