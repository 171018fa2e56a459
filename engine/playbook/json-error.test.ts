import { execFileSync } from 'child_process';
import { pythonJsonError } from './json-error';

const CASES = [
  '{ }}', '{"a":}', '{a:1}', '{"a" 1}', '{"a":1 "b":2}', '[1,', '"abc', '{"a":"x\ty"}', '[1 2]', '', '{"a": 1,}',
  '{"a": "\\q"}', '{"a": "\\u12"}', '[1,\n 2,\n x]', '- hosts: all', '{"ok": [1, 2.5e3, null, true, "s\\n"]}', '  [] ',
];

// What Python 3's json module says about each text, so the comparison is with the real thing.
const EXPECTED = [
  'Extra data: line 1 column 4 (char 3)',
  'Expecting value: line 1 column 6 (char 5)',
  'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
  "Expecting ':' delimiter: line 1 column 6 (char 5)",
  "Expecting ',' delimiter: line 1 column 8 (char 7)",
  'Expecting value: line 1 column 4 (char 3)',
  'Unterminated string starting at: line 1 column 1 (char 0)',
  'Invalid control character at: line 1 column 8 (char 7)',
  "Expecting ',' delimiter: line 1 column 4 (char 3)",
  'Expecting value: line 1 column 1 (char 0)',
  'Expecting property name enclosed in double quotes: line 1 column 9 (char 8)',
  'Invalid \\escape: line 1 column 8 (char 7)',
  'Invalid \\uXXXX escape: line 1 column 9 (char 8)',
  'Expecting value: line 3 column 2 (char 9)',
  'Expecting value: line 1 column 1 (char 0)',
  undefined,
  undefined,
];

function python(): string | undefined {
  for (const exe of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(exe, ['-c', 'import json'], { stdio: 'ignore' });
      return exe;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

describe('pythonJsonError', () => {
  test.each(CASES.map((text, i) => [text, EXPECTED[i]]))('%j', (text, expected) => {
    expect(pythonJsonError(text as string)).toBe(expected);
  });

  const exe = python();
  (exe ? test : test.skip)("matches Python's json module", () => {
    const script = 'import json,sys\nfor t in json.load(sys.stdin):\n  try:\n    json.loads(t); print("")\n  except ValueError as e: print(e)';
    const out = execFileSync(exe as string, ['-c', script], { input: JSON.stringify(CASES) }).toString().split('\n').slice(0, CASES.length);
    expect(CASES.map(pythonJsonError)).toEqual(out.map((l) => l || undefined));
  });
});
