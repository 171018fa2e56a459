/** ANSI colours as Ansible's default theme uses them; only applied when output is a terminal. */
export type Colour = 'ok' | 'changed' | 'error' | 'skip' | 'unreachable' | 'warn' | 'deprecate' | 'verbose' | 'debug' | 'diff_add' | 'diff_remove' | 'diff_lines' | 'highlight';

const codes: Record<Colour, string> = {
  ok: '0;32',
  changed: '0;33',
  error: '0;31',
  skip: '0;36',
  unreachable: '1;31',
  warn: '1;35',
  deprecate: '0;35',
  verbose: '0;34',
  debug: '0;90',
  diff_add: '0;32',
  diff_remove: '0;31',
  diff_lines: '0;36',
  highlight: '0;37',
};

export type Paint = (colour: Colour | undefined, text: string) => string;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_c, text) => text;
  return (colour, text) => (colour ? `\x1b[${codes[colour]}m${text}\x1b[0m` : text);
}

/**
 * Ansible's rule: NO_COLOR / ANSIBLE_NOCOLOR turn colour off, ANSIBLE_FORCE_COLOR turns it on even
 * without a terminal, otherwise colour only on a TTY.
 */
export function colourEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on|y|t)$/i.test(v);
  if (env.NO_COLOR !== undefined || truthy(env.ANSIBLE_NOCOLOR)) return false;
  if (truthy(env.ANSIBLE_FORCE_COLOR)) return true;
  return isTTY && env.TERM !== 'dumb';
}
