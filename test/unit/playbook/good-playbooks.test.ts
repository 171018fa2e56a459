import { readdirSync } from 'fs';
import { join } from 'path';
import { loadPlaybook } from '../../../engine/playbook/load';
import { FIXTURES, hasAnsible, KNOWN_MODULES, pool, runAnsible } from './helpers';

/** Valid playbooks in every form Ansible accepts must load: refusing one would break a user's playbook. */

const DIR = join(FIXTURES, 'good');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort();
const known = new Set([...KNOWN_MODULES, 'ping', 'raw', 'script']);

test.each(files)('%s loads', (file) => {
  const book = loadPlaybook(join(DIR, file), { isKnownModule: (n) => known.has(n), moduleNames: () => known });
  expect(book.plays.length).toBeGreaterThan(0);
});

(hasAnsible() ? test : test.skip)('ansible-playbook --syntax-check accepts them too', async () => {
  const codes = await pool(files, 3, async (file) => ({ file, code: (await runAnsible(['-i', '../inventory.ini', '--syntax-check', file], DIR)).code }));
  expect(codes).toEqual(files.map((file) => ({ file, code: 0 })));
}, 120_000);
