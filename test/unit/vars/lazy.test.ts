import { isTsibleError } from '../../../engine/errors';
import { UnsafeText } from '../../../engine/playbook/yaml';
import { createTemplar } from '../../../engine/template/templar';
import { Templar } from '../../../engine/template/types';
import { lazyVars } from '../../../engine/vars/lazy';

/** Enough of a templar for `{{ name }}` references: what lazy resolution is about, not Jinja2. */
const templar = {
  isTemplated: (v: unknown) => typeof v === 'string' && v.includes('{{'),
  template(value: unknown, vars: Record<string, unknown>) {
    if (typeof value !== 'string') return value;
    const whole = /^\{\{ *(\w+) *\}\}$/.exec(value);
    if (whole) return vars[whole[1]];
    return value.replace(/\{\{ *(\w+) *\}\}/g, (_m, name: string) => String(vars[name]));
  },
} as unknown as Templar;

test('values are templated when read, through references in any order', () => {
  const vars = lazyVars({ a: '{{ b }}-x', b: '{{ c }}', c: 'deep' }, templar);
  expect(vars.a).toBe('deep-x');
});

test('a value that is one expression keeps its type', () => {
  const vars = lazyVars({ n: '{{ m }}', m: 42 }, templar);
  expect(vars.n).toBe(42);
});

test('a broken value that is never read does not fail', () => {
  const vars = lazyVars({ ok: 'fine', loop: '{{ loop }}' }, templar);
  expect(vars.ok).toBe('fine');
});

test('a loop in definitions is an error naming the variable and the chain', () => {
  const vars = lazyVars({ a: '{{ b }}', b: '{{ a }}' }, templar);
  let error: unknown;
  try {
    void vars.a;
  } catch (err) {
    error = err;
  }
  expect(isTsibleError(error)).toBe(true);
  expect((error as Error).message).toContain("variable 'a' (a -> b -> a)");
});

test('!unsafe values are never templated', () => {
  const unsafe = new UnsafeText('{{ b }}');
  const vars = lazyVars({ a: unsafe, b: 'x' }, templar);
  expect(vars.a).toBe(unsafe);
});

test('with the real templar: filters, native types, lists and dicts resolve lazily', () => {
  const vars = lazyVars({ a: '{{ b }}', b: '{{ c | upper }}', c: 'x', n: '{{ m }}', m: 5, l: ['{{ c }}'], d: { k: '{{ a }}' } }, createTemplar());
  expect([vars.a, vars.n, vars.l, vars.d]).toEqual(['X', 5, ['x'], { k: 'X' }]);
});

test("a host's variables as a whole (`{{ hostvars[h] }}`) print leniently: a value missing a variable stays as written, as in Ansible", () => {
  const real = createTemplar();
  const host = lazyVars({ later: '{{ nope }}', foo: 'test' }, real);
  const vars = lazyVars({ h: host }, real);
  expect(real.template('{{ h }}', vars)).toEqual({ later: '{{ nope }}', foo: 'test' });
  expect(String(real.template('{{ h | string }}', vars))).toBe("{'later': '{{ nope }}', 'foo': 'test'}");
});
