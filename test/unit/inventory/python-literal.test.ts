import { parsePythonLiteral } from '../../../engine/inventory/python-literal';
import { shlexSplit } from '../../../engine/inventory/shlex';
import { describeWithAnsible, pythonLiteralEval } from './ansible-reference';

/** INI values as Ansible types them, checked against Python's own literal_eval. */
const values = [
  '1', '-1', '+3', '- 2', '00', '0644', '09', '1_000', '1__0', '0x1F', '-0x10', '0o17', '0b101', '0x',
  '1.5', '.5', '1.', '1e3', '-1.5e-3', '1e', '1.5.3', 'True', 'False', 'None', 'true', 'none', 'yes', 'no',
  "'a'", '"b"', "'a' 'b'", 'u"x"', 'b"x"', "r'\\d'", 'f"x"', '"\\x41\\n\\t\\\\"', "'\\q'", '"unclosed',
  '[1,2]', '[1, [2, {"a": None}]]', '[]', '[1,]', '(1,2)', '()', '(1)', '(1,)', '{}', "{'k': 1}",
  '{1: 2}', "{True: 'x'}", '{1, 2}', '{1}', '[1 2]', '{"a" 1}', 'x y', 'foo=bar', '1+2j', '1+2', 'a.b',
  '  7', '[-1, +2.5, "x"]', "{'a': {'b': [None, True]}}",
];

describeWithAnsible('Python literals in INI values', () => {
  test('each value types as Python literal_eval types it', async () => {
    const expected = await pythonLiteralEval(values);
    values.forEach((v, i) => {
      // Complex numbers have no JSON form; tsible keeps their text.
      if (v === '1+2j') return expect(parsePythonLiteral(v)).toBe('1+2j');
      expect({ v, value: parsePythonLiteral(v) }).toEqual({ v, value: expected[i] });
    });
  }, 30000);
});

describe('shlex splitting of INI host lines', () => {
  test.each([
    ['h a=1 b="x y"', ['h', 'a=1', 'b=x y']],
    ["h a='it''s'", ['h', 'a=its']],
    ['h a=b#c d=e', ['h', 'a=b']],
    ['h a="x#y"', ['h', 'a=x#y']],
    ['h a=\\"q', ['h', 'a="q']],
    ['h a="x\\"y\\\\z\\n"', ['h', 'a=x"y\\z\\n']],
    ["h a='\\n'", ['h', 'a=\\n']],
    ['h a=""', ['h', 'a=']],
    ['  h\ta=1  ', ['h', 'a=1']],
  ])('%s', (line, words) => {
    expect(shlexSplit(line)).toEqual(words);
  });

  test('an unclosed quote or a trailing backslash is an error', () => {
    expect(() => shlexSplit('h a="x')).toThrow('No closing quotation');
    expect(() => shlexSplit('h a=\\')).toThrow('No escaped character');
  });
});
