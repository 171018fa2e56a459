import { UnsafeText } from '../../../engine/playbook/yaml';
import { createTemplar } from '../../../engine/template';
import { NativeJinjaText } from '../../../engine/template/native-text';
import { typeName } from '../../../engine/template/values';

// Expected values were recorded from ansible-playbook 2.14 with ANSIBLE_JINJA2_NATIVE=1 (set_fact, then type_debug).
const native = createTemplar(undefined, { native: true });
const plain = createTemplar();
const vars = { i: 2, s: '1', l: [1, 2], q: '"hello"', js: '[1, 2]', empty: '""', none: null };
const run = (src: string, t = native) => t.template(src, vars);

describe('jinja2_native: one expression keeps its value, several parts are read as a Python literal', () => {
  it.each<[string, unknown]>([
    ['{{ i }}', 2],
    ['{{ i }} ', 2],
    [' {{ i }}', ' 2'],
    ['{{ s }}', 1],
    ['{{ js }}', [1, 2]],
    ['{{ l }} + {{ l }}', '[1, 2] + [1, 2]'],
    ['{% for x in l %}{{ x }}{% endfor %}', 12],
    ['[{% for x in l %}{{ x }},{% endfor %}]', [1, 2]],
    ["'{{ i }}'", "'2'"],
    ['{{ q }}', '"hello"'],
    ['{{ empty }}', '""'],
    ["{{ \"'a' 'b'\" }}", "'ab'"],
    ["{{ '' }}", ''],
    ['{{ None }}', null],
    ['{{ None }}x', 'Nonex'],
    ["{{ 'true' }}", 'true'],
    ["{{ 'None' }}", null],
    ["{{ '0x10' }}", 16],
    ["{{ '1_000' }}", 1000],
    ["{{ '-1' }}", -1],
    ["{{ 'x' }}{{ 'y' }}", 'xy'],
    ['{% macro m() %}[1]{% endmacro %}{{ m() }}', [1]],
    ['{% set x %}[1, 2]{% endset %}{{ x }}', [1, 2]],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('a float stays a float', () => {
    expect(typeName(native.template("{{ '1.5' }}", {}))).toBe('float');
  });

  it('what string, to_json… print stays text, as NativeJinjaText, with jinja2_native on or off', () => {
    for (const t of [native, plain]) {
      const json = run('{{ l | to_json }}', t);
      expect(json).toEqual(new NativeJinjaText('[1, 2]'));
      expect(typeName(json)).toBe('NativeJinjaText');
      // Read back alone it is still text, not a list.
      expect(t.template('{{ j }}', { j: json })).toBe(json);
    }
    expect(run('{{ i | string }}')).toEqual(new NativeJinjaText('2'));
  });

  it('NativeJinjaText is not unsafe data, but made from unsafe data it is (NativeJinjaUnsafeText)', () => {
    expect(typeName(native.template('{{ [x] | to_json }}', { x: new UnsafeText('a') }))).toBe('NativeJinjaUnsafeText');
    expect(typeName(native.template('{{ j ~ "" }}', { j: new NativeJinjaText('a') }))).toBe('str');
  });

  it('conditionals and template files render as with jinja2_native off', () => {
    expect(native.evaluateConditional('i == 2', vars)).toBe(true);
    expect(native.renderFile('{{ i }}\n', vars)).toBe('2\n');
  });
});

describe('x.__class__ (Ansible does not sandbox Jinja2)', () => {
  it('is a type, printed as Python prints a class', () => {
    expect(typeName(native.template('{{ true.__class__ }}', {}))).toBe('type');
    expect(String(plain.template('{{ b.__class__ }} {{ [1].__class__ }} {{ {}.__class__ | string }}', { b: true }))).toBe("<class 'bool'> <class 'list'> <class 'dict'>");
  });
});

describe('a printed value that holds an undefined one fails, as Ansible finalizes output', () => {
  it.each([
    ["{{ [{ 'key': missing }] }}"],
    ["{{ [{ 'key': missing }] }} second part"],
  ])('%s', (src) => {
    for (const t of [native, plain]) expect(() => t.template(src, {})).toThrow("'missing' is undefined");
  });
});
