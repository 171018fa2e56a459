import { parseKv, splitArgs } from '../../../engine/playbook/kv-args';

describe("Ansible's key=value task arguments", () => {
  test('quoted values keep their spaces and lose their quotes', () => {
    expect(parseKv('name=nginx state=present msg="a b" other=\'c d\'')).toEqual({ name: 'nginx', state: 'present', msg: 'a b', other: 'c d' });
  });

  test('a {{ }} expression with spaces and = stays one value', () => {
    expect(parseKv("msg={{ x | default('a = b') }} y=1")).toEqual({ msg: "{{ x | default('a = b') }}", y: '1' });
  });

  test('free-form modules keep the command text and take out chdir/creates', () => {
    expect(parseKv('echo "a b" > /tmp/x chdir=/tmp creates=/tmp/x', true)).toEqual({ _raw_params: 'echo "a b" > /tmp/x', chdir: '/tmp', creates: '/tmp/x' });
  });

  test('free-form text may hold other key=value words, kept in the command', () => {
    expect(parseKv('env FOO=bar make', true)).toEqual({ _raw_params: 'env FOO=bar make' });
  });

  test('splitting ignores blanks inside quotes and Jinja2 blocks', () => {
    expect(splitArgs('a "b c" {% if x %} {# f g #}')).toEqual(['a', '"b c"', '{% if x %}', '{# f g #}']);
  });

  test('free-form text keeps its lines and runs of spaces; a lone backslash joins the next line', () => {
    const text = 'echo a \\\n"b\nc" \\\n| cat\nexecutable=/bin/bash\necho  "d"\n';
    expect(parseKv(text, true)).toEqual({ _raw_params: 'echo a "b\nc" | cat\necho  "d"\n', executable: '/bin/bash' });
    expect(splitArgs('a\nb  c')).toEqual(['a\n', 'b ', 'c']);
  });
});
