import { existsSync } from 'fs';
import { join } from 'path';
import { caseNames, caseOptions, hasAnsible, ROOT, runCase } from './harness';

const TSIBLE = ['node', join(ROOT, 'dist', 'engine', 'cli', 'tsible-playbook.js')];
const ansible = hasAnsible();

// Each case runs under real ansible-playbook and tsible-playbook; CI installs ansible-core so this runs there.
describe('compatibility with ansible-playbook 2.14', () => {
  if (!existsSync(TSIBLE[1])) throw new Error(`build tsible first (npm run build): ${TSIBLE[1]} is missing`);
  const names = caseNames();
  (ansible ? it.each(names) : it.skip.each(names))('%s', (name) => {
    const theirs = runCase(name, ['ansible-playbook']);
    const ours = runCase(name, TSIBLE);
    const context = `\n--- ansible-playbook (rc ${theirs.code}):\n${theirs.stdout}${theirs.stderr}\n--- tsible-playbook (rc ${ours.code}):\n${ours.stdout}${ours.stderr}`;
    expect({ code: ours.code, context: '' }).toEqual({ code: theirs.code, context: ours.code === theirs.code ? '' : context });
    expect(ours.recap).toEqual(theirs.recap);
    expect(ours.files).toEqual(theirs.files);
    if (caseOptions(name).output !== false) expect(ours.shape).toEqual(theirs.shape);
  });
});
