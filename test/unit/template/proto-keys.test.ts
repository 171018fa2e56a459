import { createTemplar, markUnsafe, stripUnsafe } from '../../../engine/template';
import { VarStack } from '../../../engine/vars/precedence';

/**
 * Host JSON may hold `__proto__`, `constructor` or `prototype` keys. As in Python they are ordinary
 * keys: kept by every filter and copy, and never a way to change Object.prototype or an object's
 * prototype.
 */

const templar = createTemplar();
const HOST_JSON = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "a": 1}';
const render = (template: string, vars: Record<string, unknown> = {}) => stripUnsafe(templar.template(template, { s: HOST_JSON, ...vars }, { preserveTypes: true }));

function ownKeys(v: unknown): string[] {
  expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  return Object.keys(v as object);
}

afterEach(() => {
  // Nothing may ever reach the prototype every object shares.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

describe('prototype keys are ordinary keys', () => {
  it.each([
    ['{{ s | from_json }}'],
    ['{{ s | from_json | combine({"b": 2}) }}'],
    ['{{ {"b": 2} | combine(s | from_json, recursive=True) }}'],
    ['{{ dict(s | from_json) }}'],
    ['{{ s | from_json | dict2items | items2dict }}'],
    ['{{ (s | from_json | to_json) | from_json }}'],
    ['{{ s | from_yaml }}'],
  ])('%s keeps __proto__ and constructor', (template) => {
    const out = render(template) as Record<string, unknown>;
    expect(ownKeys(out)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'a']));
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(out.polluted).toBeUndefined();
  });

  it('survives the text round trip of a template that is not a single expression', () => {
    const out = render(" {{ {'__proto__': {'polluted': 'yes'}} }}".trim()) as Record<string, unknown>;
    expect(ownKeys(out)).toEqual(['__proto__']);
    expect(render("{{ '{' ~ \"'__proto__': 1\" ~ '}' }}")).toEqual(JSON.parse('{"__proto__": 1}'));
  });

  it('dict.update and setdefault treat them as keys', () => {
    const out = render("{% set d = {} %}{% set _ = d.update(s | from_json) %}{% set _ = d.setdefault('__proto__', 0) %}{{ d }}") as Record<string, unknown>;
    expect(ownKeys(out)).toEqual(['__proto__', 'constructor', 'a']);
  });

  it('in a registered result, in variables and through markUnsafe', () => {
    const r = markUnsafe({ json: JSON.parse(HOST_JSON) });
    expect(ownKeys(render('{{ r.json }}', { r }))).toEqual(['__proto__', 'constructor', 'a']);
    expect(render("{{ r.json['__proto__'].polluted }}", { r })).toBe('yes');
    const stack = new VarStack([{ name: 'include_vars', vars: JSON.parse('{"__proto__": {"polluted": "yes"}, "x": 1}') }]);
    const folded = stack.fold();
    expect(ownKeys(folded)).toEqual(['__proto__', 'x']);
    expect(folded.polluted).toBeUndefined();
  });
});
