import { combineAll, combineVars, hashBehaviour, setCombined, setHashBehaviour } from '../../../engine/vars/combine';
import { VarStack } from '../../../engine/vars/precedence';

afterEach(() => setHashBehaviour(undefined));

test('replace (the default): a later dict replaces the whole variable', () => {
  expect(hashBehaviour()).toBe('replace');
  expect(combineVars({ h: { a: 1 }, k: 1 }, { h: { b: 2 } })).toEqual({ h: { b: 2 }, k: 1 });
});

test('merge: dicts merge at every depth; lists and scalars are replaced', () => {
  setHashBehaviour('merge');
  const a = { h: { a: 1, deep: { x: 1 }, list: [1] }, s: 'a' };
  const b = { h: { b: 2, deep: { y: 2 }, list: [2] }, s: 'b' };
  expect(combineVars(a, b)).toEqual({ h: { a: 1, b: 2, deep: { x: 1, y: 2 }, list: [2] }, s: 'b' });
  // A dict over a scalar (or the reverse) replaces it.
  expect(combineVars({ h: 'text' }, { h: { a: 1 } })).toEqual({ h: { a: 1 } });
  expect(combineVars({ h: { a: 1 } }, { h: null })).toEqual({ h: null });
});

test('neither input is changed', () => {
  const a = { h: { a: 1, deep: { x: 1 } } };
  const b = { h: { deep: { y: 2 } } };
  const out = combineVars(a, b, true);
  expect(a).toEqual({ h: { a: 1, deep: { x: 1 } } });
  expect(b).toEqual({ h: { deep: { y: 2 } } });
  expect(out.h).not.toBe(a.h);
});

test('the merge argument overrides the setting either way', () => {
  expect(combineVars({ h: { a: 1 } }, { h: { b: 2 } }, true)).toEqual({ h: { a: 1, b: 2 } });
  setHashBehaviour('merge');
  expect(combineVars({ h: { a: 1 } }, { h: { b: 2 } }, false)).toEqual({ h: { b: 2 } });
});

test('a __proto__ variable is an ordinary key, merged like any other', () => {
  const a = JSON.parse('{"__proto__": {"a": 1}}') as Record<string, unknown>;
  const b = JSON.parse('{"__proto__": {"b": 2}}') as Record<string, unknown>;
  const out = combineVars(a, b, true);
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ a: 1, b: 2 });
});

test('setCombined and combineAll follow the setting', () => {
  const vars: Record<string, unknown> = { h: { a: 1 } };
  setCombined(vars, 'h', { b: 2 });
  expect(vars).toEqual({ h: { b: 2 } });
  setHashBehaviour('merge');
  setCombined(vars, 'h', { c: 3 });
  expect(vars).toEqual({ h: { b: 2, c: 3 } });
  expect(combineAll([{ h: { a: 1 } }, undefined, { h: { b: 2 } }])).toEqual({ h: { a: 1, b: 2 } });
});

test('the precedence layers fold with the setting, and still say which layer set a key', () => {
  const stack = new VarStack([
    { name: 'extra_vars', vars: { h: { extra: 1 } } },
    { name: 'role_defaults', vars: { h: { defaults: 1 } } },
  ]);
  expect(stack.fold()).toEqual({ h: { extra: 1 } });
  setHashBehaviour('merge');
  expect(stack.fold()).toEqual({ h: { defaults: 1, extra: 1 } });
  expect(stack.winner('h')?.name).toBe('extra_vars');
});
