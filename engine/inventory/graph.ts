import { groupVarsForDisplay, hostVarsForDisplay, RenderOptions } from './render';
import { LoadedInventory } from './inventory';
import { pyStr } from '../output/py-repr';

/** `--graph`: the group tree from `group` down, hosts under their groups, optionally with their vars. */
export function graphInventory(inv: LoadedInventory, group: string, showVars: boolean, opts: RenderOptions = {}): string {
  const lines: string[] = [];
  const line = (text: string, depth: number): void => {
    lines.push(depth ? `${'  |'.repeat(depth)}--${text}` : text);
  };
  const vars = (values: Record<string, unknown>, depth: number): void => {
    for (const key of Object.keys(values).sort()) line(`{${key} = ${pyStr(values[key])}}`, depth);
  };
  const visit = (name: string, depth: number): void => {
    const g = inv.groups.get(name);
    if (!g) return;
    line(`@${name}:`, depth);
    for (const child of g.children) visit(child, depth + 1);
    if (name !== 'all') {
      for (const host of g.hosts) {
        line(host, depth + 1);
        if (showVars) vars(hostVarsForDisplay(inv, host, opts), depth + 2);
      }
    }
    if (showVars) vars(groupVarsForDisplay(inv, name, opts), depth + 1);
  };
  visit(group, 0);
  return lines.join('\n');
}
