import { pyJson } from './py-json';

describe('pyJson', () => {
  it('writes one line with sorted keys and Python spacing', () => {
    expect(pyJson({ b: [1, 'x', true, null], a: { d: 1, c: {} } })).toBe('{"a": {"c": {}, "d": 1}, "b": [1, "x", true, null]}');
  });
  it('indents by 4 like json.dumps(indent=4)', () => {
    expect(pyJson({ msg: 'hi', list: [1, []] }, 4)).toBe('{\n    "list": [\n        1,\n        []\n    ],\n    "msg": "hi"\n}');
  });
  it('keeps non-ASCII text as it is', () => {
    expect(pyJson({ m: 'héllo ✓' })).toBe('{"m": "héllo ✓"}');
  });
});
