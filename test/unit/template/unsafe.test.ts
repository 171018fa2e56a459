import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTemplar, markUnsafe, stripUnsafe } from '../../../engine/template';
import { containsUnsafe } from '../../../engine/template/unsafe';
import { UnsafeText } from '../../../engine/playbook/yaml';
import { lazyVars } from '../../../engine/vars/lazy';

/**
 * Unsafe data (what hosts return, what lookups read) is never templated again, and whatever a template
 * makes of it is unsafe too, while it still behaves as text.
 */

const templar = createTemplar();
let dir: string;
let marker: string;
/** Host output that, if it were ever templated, would create `marker` on the controller. */
let evil: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-unsafe-unit-'));
  marker = join(dir, 'ran');
  evil = `{{ lookup('pipe', 'touch ${marker}') }}`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const registered = () => markUnsafe({ stdout: evil, stdout_lines: [evil], json: JSON.stringify({ t: evil }), rc: 0, changed: true });

describe('markUnsafe / stripUnsafe', () => {
  it('makes every string unsafe, keeps other values, and copies a tree once', () => {
    const tree = markUnsafe({ a: 'x', n: 1, b: true, z: null, l: ['y', { c: 'z' }] }) as Record<string, unknown>;
    expect(tree.a).toEqual(new UnsafeText('x'));
    expect(tree.n).toBe(1);
    expect(tree.b).toBe(true);
    expect(tree.z).toBeNull();
    expect(tree.l).toEqual([new UnsafeText('y'), { c: new UnsafeText('z') }]);
    expect(markUnsafe(tree)).toBe(tree);
    expect(containsUnsafe(tree)).toBe(true);
    expect(stripUnsafe(tree)).toEqual({ a: 'x', n: 1, b: true, z: null, l: ['y', { c: 'z' }] });
  });

  it('keeps a __proto__ key as an ordinary key and never touches Object.prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}');
    const tree = markUnsafe(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(tree)).toBe(Object.prototype);
    expect(Object.keys(tree)).toEqual(['__proto__', 'constructor']);
    expect(stripUnsafe(tree)).toEqual(parsed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves plain data alone: stripping copies nothing', () => {
    const data = { a: ['x', { b: 'y' }] };
    expect(stripUnsafe(data)).toBe(data);
    expect(containsUnsafe(data)).toBe(false);
  });
});

describe('templates that read unsafe data', () => {
  const render = (template: string, vars: Record<string, unknown>) => templar.template(template, vars, { preserveTypes: true });

  it.each([
    ['{{ r.stdout }}', () => evil],
    ['{{ r.stdout | upper }}', () => evil.toUpperCase()],
    ["{{ 'a' ~ r.stdout ~ 'b' }}", () => `a${evil}b`],
    ['{{ r.stdout_lines | join(",") }}', () => evil],
    ['{{ (r.json | from_json).t }}', () => evil],
    ['{{ (r | to_json | from_json).stdout }}', () => evil],
    ['x {{ r.stdout_lines[0] | replace("pipe", "pipe") }}', () => `x ${evil}`],
  ])('%s gives the text literally, as unsafe text', (template, expected) => {
    const out = render(template, { r: registered() });
    expect(out).toEqual(new UnsafeText(expected()));
    expect(existsSync(marker)).toBe(false);
  });

  it('lists and dicts built from it hold unsafe text', () => {
    expect(render('{{ [r.stdout] }}', { r: registered() })).toEqual([new UnsafeText(evil)]);
    expect(render("{{ {'k': r.stdout} }}", { r: registered() })).toEqual({ k: new UnsafeText(evil) });
    expect(render('{{ r.json | from_json }}', { r: registered() })).toEqual({ t: new UnsafeText(evil) });
  });

  it('a variable defined from it is unsafe however many variables away', () => {
    const vars = lazyVars({ r: registered(), a: '{{ r.stdout }}', b: '{{ a | lower }}', c: "{{ b ~ '!' }}", d: '{{ [c] }}' }, templar);
    expect(render('{{ d[0] }}', vars)).toEqual(new UnsafeText(`${evil.toLowerCase()}!`));
    expect(render('{{ vars.r.stdout | upper }}', vars)).toEqual(new UnsafeText(evil.toUpperCase()));
    expect(existsSync(marker)).toBe(false);
  });

  it('still works as text: comparisons, in, length, int, regex, tests, conditions', () => {
    const r = markUnsafe({ stdout: '42', lines: ['a', 'b {{ x }}'] });
    expect(render("{{ r.stdout == '42' }}", { r })).toBe(true);
    expect(render("{{ '4' in r.stdout }}", { r })).toBe(true);
    expect(render('{{ r.lines | length }}', { r })).toEqual(new UnsafeText('2'));
    expect(render('{{ r.stdout | int + 1 }}', { r })).toEqual(new UnsafeText('43'));
    expect(render("{{ r.lines[1] | regex_search('x') }}", { r })).toEqual(new UnsafeText('x'));
    expect(templar.evaluateConditional("r.stdout | int > 40 and r.lines[1] is search('x')", { r })).toBe(true);
    expect(render('{{ r.stdout | type_debug }}', { r })).toEqual(new UnsafeText('AnsibleUnsafeText'));
  });

  it('text that looks like a list or dict is read back as one, its strings still unsafe (as Ansible does)', () => {
    const r = markUnsafe({ lines: ['{"n": 7, "t": "{{ x }}"}', '[1, 2]'] });
    expect(render('{{ r.lines[0] }}', { r })).toEqual({ n: 7, t: new UnsafeText('{{ x }}') });
    expect(render('{{ r.lines[1] }}', { r })).toEqual([1, 2]);
  });

  it('a condition whose template gives unsafe text is refused', () => {
    expect(() => templar.evaluateConditional('{{ r.stdout }}', { r: registered() })).toThrow('Conditional is marked as unsafe, and cannot be evaluated.');
    expect(existsSync(marker)).toBe(false);
  });

  it('templates that read no unsafe data give plain values', () => {
    expect(render("{{ 'a' | upper }}", { r: registered() })).toBe('A');
    expect(render('{{ [1, x] }}', { x: 'y' })).toEqual([1, 'y']);
  });
});

describe('lookups give unsafe text', () => {
  beforeEach(() => {
    process.env.TSIBLE_UNSAFE_TEST = '{{ 7 * 6 }}';
  });
  afterEach(() => {
    delete process.env.TSIBLE_UNSAFE_TEST;
  });

  it('lookup and query results are never templated again (allow_unsafe=True opts out)', () => {
    const vars = lazyVars({ a: "{{ lookup('env', 'TSIBLE_UNSAFE_TEST') }}", b: '{{ a }}' }, templar);
    expect(templar.template('{{ b }}', vars)).toEqual(new UnsafeText('{{ 7 * 6 }}'));
    expect(templar.template("{{ query('env', 'TSIBLE_UNSAFE_TEST') }}", {})).toEqual([new UnsafeText('{{ 7 * 6 }}')]);
    expect(templar.template("{{ lookup('env', 'TSIBLE_UNSAFE_TEST', allow_unsafe=True) }}", {})).toBe('{{ 7 * 6 }}');
    expect(templar.query('env', ['TSIBLE_UNSAFE_TEST'], {})).toEqual([new UnsafeText('{{ 7 * 6 }}')]);
  });
});
