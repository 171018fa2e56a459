import { TsibleError } from '../../../engine/errors';
import { UnsafeText } from '../../../engine/playbook/yaml';
import { OMIT, VALUES_ARE_TEMPLATED, createTemplar, isTemplated } from '../../../engine/template';
import { PythonException } from '../../../engine/template/values';

const templar = createTemplar();
const origin = { file: 'play.yml', line: 10, column: 7 };

function thrown(fn: () => unknown): TsibleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TsibleError) return e;
    throw new Error(`expected a TsibleError, got ${String(e)}`);
  }
  throw new Error('expected an error');
}

describe('errors name what is wrong and where', () => {
  it.each([
    ['{{ hey | mandatory }}', "Mandatory variable 'hey'  not defined."],
    ['{{ hey | mandatory("sad wolf") }}', 'sad wolf'],
    ["{{ 'x' | regex_escape(re_type='haha') }}", 'Invalid regex type (haha)'],
    ['{{ None | random }}', 'random can only be used on sequences and integers'],
  ])('a filter that refuses its input says only why, as an Ansible filter error does: %s', (src, message) => {
    expect(thrown(() => templar.template(src, {}, { origin })).message).toBe(message);
  });

  it('an undefined variable in a task argument points at the argument', () => {
    const err = thrown(() => templar.template('{{ nope }}', {}, { origin }));
    expect(err.message).toBe("'nope' is undefined");
    expect(err.origin).toEqual(origin);
  });

  it('an undefined variable in a template file points at its line and column in the file', () => {
    const err = thrown(() => templar.renderFile('ok\n{% if true %}\n  {{ missing.attr }}\n{% endif %}\n', {}, { origin: { file: 'app.conf.j2', line: 1, column: 1 } }));
    expect(err.message).toBe("'missing' is undefined");
    expect(err.origin).toMatchObject({ file: 'app.conf.j2', line: 3 });
  });

  it('a syntax error in a template file gives the line of the error', () => {
    const err = thrown(() => templar.renderFile('a\nb\n{% for x in %}\n{% endfor %}\n', {}, { origin: { file: 't.j2', line: 1, column: 1 } }));
    expect(err.message).toContain('template error while templating template');
    expect(err.origin).toMatchObject({ file: 't.j2', line: 3 });
  });

  it('an unknown filter or test is named', () => {
    expect(thrown(() => templar.template('{{ 1 | frobnicate }}', {})).message).toContain("No filter named 'frobnicate'");
    expect(thrown(() => templar.template('{{ 1 is frobnicated }}', {})).message).toContain("No test named 'frobnicated'");
  });

  it('a test named by a string that is none is the plugin loader error Ansible gives', () => {
    const select = (name: string) => thrown(() => templar.template(`{{ [{"f": false}] | selectattr("f", "${name}", true) }}`, {})).message;
    expect(select('asdf ')).toBe(`TemplateSyntaxError: Could not load "asdf ": 'invalid plugin name: ansible.builtin.asdf '`);
    expect(select('asdf')).toBe(`TemplateSyntaxError: Could not load "asdf": 'asdf'`);
  });

  it('a definition loop is reported with the variables in it instead of overflowing the stack', () => {
    const err = thrown(() => templar.template('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, { origin }));
    expect(err.message).toContain('recursive loop detected in template string');
    expect(err.message).toContain('a -> b -> a');
  });

  it('a failing conditional says which condition and why, like Ansible', () => {
    const err = thrown(() => templar.evaluateConditional('missing == 1', {}, { origin }));
    expect(err.message).toBe("The conditional check 'missing == 1' failed. The error was: error while evaluating conditional (missing == 1): 'missing' is undefined");
    expect(err.origin).toEqual(origin);
  });
});

describe('values the executor relies on', () => {
  it('omit renders to the placeholder, also through default(omit)', () => {
    expect(templar.template('{{ omit }}', {})).toBe(OMIT);
    expect(templar.template('{{ port | default(omit) }}', {})).toBe(OMIT);
    expect(OMIT).toMatch(/^__omit_place_holder__[0-9a-f]{40}$/);
  });

  it('!unsafe text is never templated, and text built from it stays unsafe', () => {
    const secret = new UnsafeText('p{{ass}}');
    expect(templar.template(secret, {})).toBe(secret);
    const direct = templar.template('{{ pw }}', { pw: secret });
    expect(direct).toBeInstanceOf(UnsafeText);
    expect(String(direct)).toBe('p{{ass}}');
    expect(String(templar.template('x={{ pw }}', { pw: secret }))).toBe('x=p{{ass}}');
  });

  it('variables can be a lazy Proxy, read only when used', () => {
    const read: string[] = [];
    const backing: Record<string, unknown> = { a: '{{ b }}!', b: 'B', unused: '{{ boom }}' };
    const vars = new Proxy(backing, {
      get: (t, k) => { read.push(String(k)); return t[String(k)]; },
      has: (t, k) => k in t,
    });
    expect(templar.template('{{ a }}', vars)).toBe('B!');
    expect(read).not.toContain('unused');
  });

  it('a variable is templated once: a raw block in a value stays literal braces', () => {
    const vars = { fmt: '{% raw %}{{.Names}}{% endraw %}' };
    expect(templar.template('docker ps --format "{{ fmt }}"', vars)).toBe('docker ps --format "{{.Names}}"');
  });

  it('variables that are already templated when read (VALUES_ARE_TEMPLATED) are not templated again', () => {
    const vars = { fmt: '{{.Names}}', [VALUES_ARE_TEMPLATED]: true };
    expect(templar.template('--format {{ fmt }}', vars)).toBe('--format {{.Names}}');
    expect(() => templar.template('--format {{ fmt }}', { fmt: '{{.Names}}' })).toThrow(TsibleError);
  });

  it('templates inside lists and dicts are rendered, other values are left alone', () => {
    const value = { name: '{{ n }}', ports: [80, '{{ p }}'], enabled: true };
    expect(templar.template(value, { n: 'web', p: 8080 })).toEqual({ name: 'web', ports: [80, 8080], enabled: true });
  });

  it('preserveTypes: false always gives text', () => {
    expect(templar.template('{{ [1, 2] }}', {}, { preserveTypes: false })).toBe('[1, 2]');
  });

  it('isTemplated finds Jinja2 delimiters in nested values', () => {
    expect(isTemplated('plain')).toBe(false);
    expect(isTemplated(['a', { b: 'x {{ y }}' }])).toBe(true);
    expect(isTemplated('{% if x %}')).toBe(true);
    expect(templar.isTemplated({ a: 1 })).toBe(false);
  });
});

describe('division by zero', () => {
  it("is Python's ZeroDivisionError, worded as Python words it for ints and floats", () => {
    const cases: [string, string][] = [
      ['{{ 5 / 0 }}', 'division by zero'],
      ['{{ 5.0 / 0 }}', 'float division by zero'],
      ['{{ 5 // 0 }}', 'integer division or modulo by zero'],
      ['{{ 5.0 // 0 }}', 'float floor division by zero'],
      ['{{ 5 % 0 }}', 'integer modulo by zero'],
      ['{{ 5.0 % 0 }}', 'float modulo'],
      ['{{ 5 / false }}', 'division by zero'],
      ['{{ 0 ** -1 }}', '0.0 cannot be raised to a negative power'],
    ];
    for (const [src, message] of cases) {
      const err = thrown(() => templar.template(src, {}, { origin }));
      expect([src, err.message, (err.cause as PythonException).pythonType]).toEqual([src, message, 'ZeroDivisionError']);
    }
  });

  it('of a string is a type error first, as in Python', () => {
    expect(thrown(() => templar.template("{{ 'a' / 0 }}", {}, { origin })).message).toContain("unsupported operand type(s) for /: 'str' and 'int'");
  });
});
