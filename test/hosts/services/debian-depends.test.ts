import { parseDepends, pythonDepends } from './debian-depends';

describe('Debian Depends → Python library packages', () => {
  test('alternatives, version relations and architecture qualifiers are read', () => {
    expect(parseDepends('python3-click (>= 8.0), python3-foo | python3 (>> 3.10), python3:any')).toEqual([
      [{ name: 'python3-click', relation: '>=', version: '8.0' }],
      [
        { name: 'python3-foo', relation: undefined, version: undefined },
        { name: 'python3', relation: '>>', version: '3.10' },
      ],
      [{ name: 'python3', relation: undefined, version: undefined }],
    ]);
  });

  test("bookworm's python3-flask needs its libraries but not importlib-metadata on Python 3.11", () => {
    const flask = 'python3-click (>= 8.0), python3-importlib-metadata | python3 (>> 3.10), ' +
      'python3-itsdangerous (>= 2.0), python3-jinja2 (>= 3.0), python3-werkzeug (>= 2.2.2), python3:any';
    expect(pythonDepends(flask, '3.11.2')).toEqual([
      'python3-click', 'python3-itsdangerous', 'python3-jinja2', 'python3-werkzeug',
    ]);
    expect(pythonDepends(flask, '3.9.2')).toContain('python3-importlib-metadata');
  });

  test('non-Python dependencies and bare interpreter bounds are left out', () => {
    expect(pythonDepends('libjs-jquery, python3-markupsafe, python3:any', '3.11.2')).toEqual(['python3-markupsafe']);
    expect(pythonDepends('python3 (<< 3.12), python3 (>= 3.11~), libc6 (>= 2.14)', '3.11.2')).toEqual([]);
  });

  test('a malformed field is an error, not a silently short wheelhouse', () => {
    expect(() => pythonDepends('python3-x (>= 1', '3.11.2')).toThrow(/cannot read/);
  });
});
