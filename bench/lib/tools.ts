import { copyFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The commands compared: ansible-playbook as installed (default settings), with pipelining, and tsible. */
export interface Tool {
  key: 'ansible' | 'pipelining' | 'tsible';
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

const QUIET = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'False' };

export const TOOLS: Tool[] = [
  { key: 'ansible', name: 'ansible-playbook', argv: ['ansible-playbook'], env: QUIET },
  { key: 'pipelining', name: 'ansible-playbook, pipelining', argv: ['ansible-playbook'], env: { ...QUIET, ANSIBLE_PIPELINING: '1' } },
  {
    key: 'tsible',
    name: 'tsible-playbook',
    argv: [privateNode(), join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js')],
    env: QUIET,
  },
];

export function pickTools(keys: string[]): Tool[] {
  const unknown = keys.filter((k) => !TOOLS.some((t) => t.key === k));
  if (unknown.length) throw new Error(`unknown tool ${unknown.join(', ')}; known: ${TOOLS.map((t) => t.key).join(', ')}`);
  return TOOLS.filter((t) => keys.includes(t.key));
}

/**
 * A copy of the node binary for tsible's runs. PSS splits a shared page between the processes that map
 * it; tsible sharing node's code pages with this bench process would halve what it is charged for them.
 */
function privateNode(): string {
  const copy = join(tmpdir(), 'tsible-bench-node');
  if (!existsSync(copy)) copyFileSync(process.execPath, copy);
  return copy;
}
