import { createTemplar } from '../../../engine/template';
import { CASES } from './cases';

/** Every recorded case gives what Ansible 2.14 gives: the same value and JSON type, or an error saying the same thing. */
describe('templating matches Ansible 2.14', () => {
  const templar = createTemplar();
  it.each(CASES.map((c, i) => [i, c.template, c] as const))('#%i %s', (_i, _t, c) => {
    if (c.error !== undefined) {
      expect(() => templar.template(c.template, c.vars ?? {})).toThrow(c.error);
    } else {
      expect(templar.template(c.template, c.vars ?? {})).toEqual(c.expected);
    }
  });
});
