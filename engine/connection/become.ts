import { randomBytes } from 'crypto';
import { BecomeSpec } from './connection';
import { shellQuote } from './shell-quote';

/** A command wrapped for privilege escalation, and how to recognise its prompts. */
export interface BecomeWrap {
  method: BecomeSpec['method'];
  command: string;
  /** Printed on stdout by the escalated shell before the command runs: escalation worked. */
  successMarker: string;
  /** The marker is printed on stderr too, ending the escalation chatter there (no terminal merges the two). */
  stderrMarker: boolean;
  password?: string;
  /** su reads its password from a terminal only. */
  pty: boolean;
  /** What to send for the command's stdin once escalated. */
  frameStdin(data: Buffer | string): Buffer | string;
  /** How many password prompts some text holds (stderr for sudo, the terminal for su). */
  countPrompts(text: string): number;
  /** A message for output that says escalation failed before a prompt, or null. */
  failureIn(text: string): string | null;
}

const SU_PROMPT = /(\w+'s )?(Password|Passwort|Mot de passe|Contraseña|Senha|Пароль|密码|パスワード) ?(: ?|：?)$/i;

/** How the wrapped command will be run. */
export interface WrapOptions {
  /** The command reads stdin (su through a terminal must frame it). */
  stdin?: boolean;
  /**
   * false on the controller, which has no terminal to give su: su then asks on stderr and reads the
   * password from the pipe, and stdin reaches the command as it is.
   */
  terminal?: boolean;
}

/**
 * Wraps a shell command so it runs as another user. sudo gets a prompt string nobody else prints, so the
 * prompt is told apart from the command's own output; both methods echo a one-off marker first, so we
 * know when escalation is over and stdin belongs to the command. Until then nothing is written to
 * stdin but the password, and that only once a prompt has been seen: a su or sudo that does not ask
 * (root, NOPASSWD) would otherwise hand the password to the command.
 */
export function wrapBecome(command: string, spec: BecomeSpec, opts: WrapOptions = {}): BecomeWrap {
  const id = randomBytes(12).toString('hex');
  const successMarker = `BECOME-SUCCESS-${id}`;
  if (spec.method === 'su') return wrapSu(command, spec, id, opts.terminal ?? true ? { stdin: opts.stdin } : null);
  // On the controller a SIGTERM we cannot send to root's processes reaches sudo, which passes it on.
  const script = `echo ${successMarker}; echo ${successMarker} >&2; ${opts.terminal === false ? passTerm(command) : command}`;
  const prompt = `[sudo via tsible, key=${id}] password:`;
  const flags = sudoFlags(spec.flags ?? '-H -S -n', spec.password !== undefined);
  const promptFlag = spec.password !== undefined ? `-p ${shellQuote(prompt)} ` : '';
  return {
    method: 'sudo',
    command: `sudo ${flags} ${promptFlag}-u ${shellQuote(spec.user)} /bin/sh -c ${shellQuote(script)}`,
    successMarker,
    stderrMarker: true,
    password: spec.password,
    pty: false,
    frameStdin: (data) => data,
    countPrompts: (text) => text.split(prompt).length - 1,
    failureIn: (text) => (/sudo: (a password is required|a terminal is required)/.test(text) ? 'Missing sudo password' : null),
  };
}

/**
 * su over a terminal (`framed`: how stdin crosses it) or, on the controller, over plain pipes, where
 * stderr stays apart and gets the marker too.
 */
function wrapSu(command: string, spec: BecomeSpec, id: string, framed: { stdin?: boolean } | null): BecomeWrap {
  const successMarker = `BECOME-SUCCESS-${id}`;
  const end = `TSIBLE-STDIN-END-${id}`;
  // A terminal mangles control bytes and long lines and never ends the input: stdin crosses it as
  // base64 lines up to an end marker, decoded on the other side.
  const body = framed ? (framed.stdin ? `sed -n '/^${end}$/q;p' | base64 -d | ${command}` : command) : passTerm(command);
  const markers = framed ? `echo ${successMarker}` : `echo ${successMarker}; echo ${successMarker} >&2`;
  const flags = spec.flags?.trim() ? `${spec.flags.trim()} ` : '';
  return {
    method: 'su',
    command: `su ${flags}${shellQuote(spec.user)} -c ${shellQuote(`${markers}; ${body}`)}`,
    successMarker,
    stderrMarker: !framed,
    password: spec.password,
    pty: Boolean(framed),
    frameStdin: (data) => (framed ? Buffer.from(`${(Buffer.from(data).toString('base64').match(/.{1,76}/g) ?? []).join('\n')}\n${end}\n`) : data),
    countPrompts: (text) => text.split('\n').filter((line) => SU_PROMPT.test(line.trimEnd())).length,
    failureIn: (text) => (/Authentication failure|incorrect password/i.test(text) ? 'Incorrect su password' : null),
  };
}

/**
 * On the controller, su runs its command in a session of its own, out of reach of a signal to our process
 * group, and sudo's command may belong to root, whom we may not signal; both pass a SIGTERM on to their
 * child only: this shell. It runs the command in the background (stdin kept) and waits, so the signal is
 * acted on at once and ends the command's whole group.
 */
function passTerm(command: string): string {
  return `exec 3<&0; trap 'trap - TERM; kill -TERM 0' TERM; ${command} 0<&3 3<&- & wait $!`;
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
