import { pyRepr, pyStr } from './py-repr';

describe('pyRepr / pyStr', () => {
  it('prints dicts, lists and literals as Python does', () => {
    expect(pyRepr({ a: 1, b: 's', c: [true, null, 1.5] })).toBe("{'a': 1, 'b': 's', 'c': [True, None, 1.5]}");
  });
  it('chooses quotes as Python does', () => {
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr('say "hi"')).toBe("'say \"hi\"'");
    expect(pyRepr('a\nb')).toBe("'a\\nb'");
  });
  it('leaves a top-level string bare in str()', () => {
    expect(pyStr('nginx')).toBe('nginx');
    expect(pyStr(['nginx'])).toBe("['nginx']");
  });
});
