import { join } from 'path';
import { main } from '../../../engine/cli/tsible-playbook';
import { FIXTURES, hasAnsible, runAnsible } from './helpers';

/** --list-tasks / --list-tags / --list-hosts print exactly what ansible-playbook prints. */

const DIR = join(FIXTURES, 'good');

async function tsible(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: DIR, env: { HOME: '/nonexistent' } });
  return { code, stdout, stderr };
}

const CASES: string[][] = [
  ['--list-tasks', 'site.yml'],
  ['--list-tags', 'site.yml'],
  ['--list-tasks', '--tags', 'blocky,x', 'site.yml'],
  ['--list-tags', '--skip-tags', 'base', 'site.yml'],
  ['--list-tasks', '--tags', 'untagged', '--skip-tags', 'always', 'site.yml'],
  ['--list-tasks', '--tags', 'tagged', 'site.yml'],
  ['--list-tasks', '--skip-tags', 'all', 'site.yml'],
  ['--list-tasks', '--list-tags', 'variants.yml'],
  ['--list-tasks', '--list-tags', 'many-forms.yml'],
  ['--list-tasks', '--tags', 'imp', 'many-forms.yml'],
  ['--list-tasks', '--list-tags', 'unusual.yml'],
  ['--list-tasks', '--list-hosts', '-e', 'target=db', 'dup-roles.yml'],
  ['--list-tasks', 'templated-imports.yml'],
  ['--list-tasks', '-e', 'tf=tasks/simple.yml', '-e', 'rn=web', 'templated-imports.yml'],
  ['--list-tasks', 'old-include.yml'],
  ['--syntax-check', 'site.yml'],
];

test('a role dependency inherits the tags of the role using it', async () => {
  const ours = await tsible(['-i', '../inventory.ini', '--list-tasks', 'site.yml']);
  expect(ours.stdout).toContain('      common : common task\tTAGS: [base, webtag]\n');
});

(hasAnsible() ? describe : describe.skip)('same output as ansible-playbook', () => {
  test.each(CASES.map((args) => [args.join(' '), args] as const))('%s', async (_title, args) => {
    const full = ['-i', '../inventory.ini', ...args];
    const [ours, theirs] = await Promise.all([tsible(full), runAnsible(full, DIR)]);
    expect(ours.code).toBe(theirs.code);
    expect(ours.stdout).toBe(theirs.stdout);
  }, 60_000);

  test('--list-hosts lists the same hosts (Ansible prints them in set order)', async () => {
    const full = ['-i', '../inventory.ini', '--list-hosts', 'site.yml'];
    const [ours, theirs] = await Promise.all([tsible(full), runAnsible(full, DIR)]);
    const sorted = (s: string) => s.split('\n').sort();
    expect(sorted(ours.stdout)).toEqual(sorted(theirs.stdout));
  }, 60_000);
});
