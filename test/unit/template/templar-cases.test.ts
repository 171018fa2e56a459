import { createTemplar, stripUnsafe } from '../../../engine/template';
import { CASES, TemplateCase } from './cases';

/** Every recorded case gives what Ansible 2.14 gives: the same value and JSON type, or an error saying the same thing. */
describe('templating matches Ansible 2.14', () => {
  const templar = createTemplar();
  const run = (c: TemplateCase): unknown => {
    const vars = c.vars ?? {};
    if (c.kind === 'when') return templar.evaluateConditional(c.template, vars);
    if (c.kind === 'file') return templar.renderFile(c.template, vars);
    // Lookup results are unsafe text; the value is compared here (unsafety in unsafe-data.test.ts).
    return stripUnsafe(templar.template(c.template, vars));
  };
  it.each(CASES.map((c, i) => [i, c.kind ?? 'value', c.template, c] as const))('#%i %s %j', (_i, _k, _t, c) => {
    if (c.error !== undefined) {
      expect(() => run(c)).toThrow(c.error);
    } else {
      expect(run(c)).toEqual(c.expected);
    }
  });
});
