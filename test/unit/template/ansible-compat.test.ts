import { ansibleAvailable, runInAnsible } from './ansible-runner';
import { CASES } from './cases';

/**
 * The recorded case table is what real Ansible does: all cases re-run in one ansible-playbook run
 * (values in one task, each expected error in its own task) whenever ansible-playbook is installed.
 */
const maybe = ansibleAvailable() ? describe : describe.skip;

maybe('case table agrees with real ansible-playbook', () => {
  const outcomes = runInAnsible(CASES);
  it.each(CASES.map((c, i) => [i, c.template, c] as const))('#%i %s', (i, _t, c) => {
    const outcome = outcomes[i];
    if (c.error !== undefined) {
      expect(outcome).toMatchObject({ ok: false });
      expect(outcome.ok ? '' : outcome.error).toContain(c.error);
    } else {
      expect(outcome).toEqual({ ok: true, value: c.expected });
    }
  });
});
