import { pyDumps } from './py-dumps';

it('writes JSON as Python json.dumps does by default', () => {
  expect(pyDumps({ z: 1, a: 'é', n: [true, null, 1.5] })).toBe('{"z": 1, "a": "\\u00e9", "n": [true, null, 1.5]}');
});
