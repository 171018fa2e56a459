import { join } from 'path';

/** Expands ~ and the %h %n %p %r %d %% tokens OpenSSH allows in paths and ProxyCommand. */
export function expandTokens(text: string, tokens: Record<string, string>, home: string): string {
  const all: Record<string, string> = { ...tokens, d: home, '%': '%' };
  const expanded = text.replace(/%(.)/g, (whole, t: string) => all[t] ?? whole);
  if (expanded === '~') return home;
  if (expanded.startsWith('~/')) return join(home, expanded.slice(2));
  return expanded;
}
