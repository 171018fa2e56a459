import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseExtraVars } from './extra-vars';
import { parseKv, splitArgs } from '../playbook/kv-args';

describe('splitArgs', () => {
  test('keeps Jinja2 blocks and quoted text whole', () => {
    expect(splitArgs(`a={{ x | default('y z') }} b="1 2" c={% if t %}1{% endif %} d`)).toEqual([
      "a={{ x | default('y z') }}",
      'b="1 2"',
      'c={% if t %}1{% endif %}',
      'd',
    ]);
  });

  test('an escaped quote does not open a quoted section', () => {
    expect(splitArgs('a=\\"x y')).toEqual(['a=\\"x', 'y']);
  });

  test('an unbalanced block is a parser error (exit 4)', () => {
    expect(() => splitArgs('a={{ x')).toThrow(expect.objectContaining({ exitCode: 4 }));
  });
});

describe('parseKv', () => {
  test('values are strings; the first unescaped = splits; bare words become _raw_params', () => {
    expect(parseKv("n=5 flag=yes url=a=b 'quoted'=1 word")).toEqual({
      n: '5',
      flag: 'yes',
      url: 'a=b',
      "'quoted'": '1',
      _raw_params: 'word',
    });
  });
});

describe('parseExtraVars', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-ev-unit-'));
    fs.writeFileSync(path.join(dir, 'vars.yml'), 'db:\n  host: h\nport: 5432\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('names from an @file carry where they were set; a later -e replaces the name and its origin', () => {
    const { vars, origins } = parseExtraVars(['@vars.yml', 'port=1'], dir);
    expect(vars).toEqual({ db: { host: 'h' }, port: '1' });
    expect(origins.db).toMatchObject({ file: path.join(dir, 'vars.yml'), line: 1 });
    expect(origins.port).toBeUndefined();
  });

  test('JSON is read as JSON before YAML, so 1e3 is a number', () => {
    fs.writeFileSync(path.join(dir, 'n.json'), '{\n  "n": 1e3\n}\n');
    const { vars, origins } = parseExtraVars(['@n.json', '{"m": 1e3}', '{k: 1e3}'], dir);
    expect(vars).toEqual({ n: 1000, m: 1000, k: '1e3' });
    expect(origins.n).toMatchObject({ line: 2, column: 3 });
  });

  test('nested mappings from two -e are replaced, not merged', () => {
    expect(parseExtraVars(['{"a": {"x": 1}}', '{"a": {"y": 2}}']).vars).toEqual({ a: { y: 2 } });
  });

  test('errors carry the exit codes ansible-playbook uses', () => {
    expect(() => parseExtraVars(['@nope.yml'], dir)).toThrow(expect.objectContaining({ exitCode: 1 }));
    expect(() => parseExtraVars(['/etc/vars.yml'])).toThrow(expect.objectContaining({ exitCode: 5 }));
    expect(() => parseExtraVars(['[1, 2]'])).toThrow(expect.objectContaining({ exitCode: 5 }));
  });
});
