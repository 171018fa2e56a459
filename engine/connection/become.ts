import { randomBytes } from 'crypto';
import { BecomeSpec } from './connection';
import { shellQuote } from './shell-quote';

/** A command wrapped for privilege escalation, and how to recognise its prompts. */
export interface BecomeWrap {
  method: BecomeSpec['method'];
  command: string;
  /** Printed on stdout by the escalated shell before the command runs: escalation worked. */
  successMarker: string;
  password?: string;
  /** su reads its password from a terminal only. */
  pty: boolean;
  /** How many password prompts some text holds (stderr for sudo, the terminal for su). */
  countPrompts(text: string): number;
  /** A message for output that says escalation failed before a prompt, or null. */
  failureIn(text: string): string | null;
}

const SU_PROMPT = /(\w+'s )?(Password|Passwort|Mot de passe|Contraseña|Senha|Пароль|密码|パスワード) ?(: ?|：?)$/i;

/**
 * Wraps a shell command so it runs as another user. sudo gets a prompt string nobody else prints, so the
 * prompt is told apart from the command's own output; both methods echo a one-off marker first, so we
 * know when escalation is over and stdin belongs to the command.
 */
export function wrapBecome(command: string, spec: BecomeSpec): BecomeWrap {
  const id = randomBytes(12).toString('hex');
  const successMarker = `BECOME-SUCCESS-${id}`;
  const script = `echo ${successMarker}; ${command}`;
  if (spec.method === 'su') {
    return {
      method: 'su',
      command: `su ${spec.flags ?? ''} ${shellQuote(spec.user)} -c ${shellQuote(script)}`.replace(/\s+/g, ' '),
      successMarker,
      password: spec.password,
      pty: true,
      countPrompts: (text) => text.split('\n').filter((line) => SU_PROMPT.test(line.trimEnd())).length,
      failureIn: (text) => (/Authentication failure|incorrect password/i.test(text) ? 'Incorrect su password' : null),
    };
  }
  const prompt = `[sudo via tsible, key=${id}] password:`;
  const flags = sudoFlags(spec.flags ?? '-H -S -n', spec.password !== undefined);
  const promptFlag = spec.password !== undefined ? `-p ${shellQuote(prompt)} ` : '';
  return {
    method: 'sudo',
    command: `sudo ${flags} ${promptFlag}-u ${shellQuote(spec.user)} /bin/sh -c ${shellQuote(script)}`,
    successMarker,
    password: spec.password,
    pty: false,
    countPrompts: (text) => text.split(prompt).length - 1,
    failureIn: (text) => (/sudo: (a password is required|a terminal is required)/.test(text) ? 'Missing sudo password' : null),
  };
}

/** With a password sudo must read it from stdin (-S) and must be allowed to ask (no -n), as Ansible does. */
function sudoFlags(flags: string, hasPassword: boolean): string {
  if (!hasPassword) return flags.trim();
  const words = flags.split(/\s+/).filter((w) => w && w !== '-n');
  if (!words.some((w) => /^-[A-Za-z]*S/.test(w))) words.push('-S');
  return words.join(' ');
}

/** The message when a password was asked for twice (the first answer was wrong) or not at all given. */
export function promptFailure(wrap: BecomeWrap, promptsSeen: number): string {
  return promptsSeen > 1 || wrap.password !== undefined ? `Incorrect ${wrap.method} password` : `Missing ${wrap.method} password`;
}
