import { iterationVars, loopItems } from './loops';
import { Templar } from '../template/types';
import { TsibleError } from '../errors';
import { UnsafeText } from '../playbook/yaml';
import { stripUnsafe } from '../template/unsafe';

// Values are already literal here, so templating is the identity; the real templar is tested on its own.
const identity: Templar = {
  template: (v) => v,
  evaluateConditional: () => true,
  isTemplated: () => false,
  renderFile: (t) => t,
  query: (name, terms) => [name, ...terms],
};
const at = { file: 'p.yml', line: 3, column: 7 };
const items = (w: string | undefined, terms: unknown) => stripUnsafe(loopItems({ with: w, items: terms }, {}, identity, at));

// Expected values were recorded from ansible-playbook 2.14 running the same loops (registered items).
describe('loopItems as ansible-playbook 2.14 iterates', () => {
  it.each([
    ['items', [[1, 2], 3, [[4]]], [1, 2, 3, [4]]],
    ['sequence', 'start=1 end=10 stride=3 format=web%02d', ['web01', 'web04', 'web07', 'web10']],
    ['sequence', 'count=3', ['1', '2', '3']],
    ['sequence', '4-8/2', ['4', '6', '8']],
    ['together', [[1, 2, 3], ['a', 'b']], [[1, 'a'], [2, 'b'], [3, null]]],
    ['nested', [[1, 2], ['a', 'b']], [[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']]],
    ['dict', { x: 1, y: 2 }, [{ key: 'x', value: 1 }, { key: 'y', value: 2 }]],
    ['indexed_items', ['a', 'b'], [[0, 'a'], [1, 'b']]],
  ])('with_%s %j', (w, terms, expected) => {
    expect(items(w, terms)).toEqual(expected);
  });

  it('marks the items of every with_ loop unsafe, as Ansible does (loop: items stay as they are)', () => {
    const dict = loopItems({ with: 'dict', items: { k: 'v{{ x }}' } }, {}, identity, at);
    expect(dict).toEqual([{ key: new UnsafeText('k'), value: new UnsafeText('v{{ x }}') }]);
    expect(loopItems({ with: 'items', items: ['a', 1] }, {}, identity, at)).toEqual([new UnsafeText('a'), 1]);
    expect(loopItems({ with: undefined, items: ['a'] }, {}, identity, at)).toEqual(['a']);
  });

  it('passes other with_<lookup> loops to the lookup plugin', () => {
    expect(items('fileglob', '*.txt')).toEqual(['fileglob', '*.txt']);
  });

  it('rejects loop: with something that is not a list, with the task origin', () => {
    expect(() => items(undefined, 'abc')).toThrow(TsibleError);
    expect(() => items(undefined, 'abc')).toThrow(/requires a list, got this instead: abc/);
  });

  it('refuses with_list and with_indexed_items over a mapping and with_together over nothing, as Ansible words it', () => {
    expect(() => items('indexed_items', { a: 1 })).toThrow(/^with_indexed_items expects a list$/);
    expect(() => items('list', { a: 1 })).toThrow(/^with_list expects a list$/);
    expect(() => items('together', [])).toThrow(/^with_together requires at least one element in each list$/);
  });

  // Messages from Ansible 2.14's lookup_sequence integration target; the task fails where it runs.
  it.each([
    ['start=0 junk=3', "unrecognized arguments to with_sequence: ['junk']"],
    ['start=A end=3', "can't parse start=A as integer"],
    ['A-4/2', "can't parse start=A as integer"],
    ['1-B/2', "can't parse end=B as integer"],
    ['1-4/C', "can't parse stride=C as integer"],
    ['start=1', 'must specify count or end in with_sequence'],
    ['start=1 end=4 count=2', "can't specify both count and end in with_sequence"],
    ['start=4 end=1 stride=2', 'to count backwards make stride negative'],
    ['start=1 end=4 stride=-2', "to count forward don't make stride negative"],
    ['start=1 end=4 format=d', 'bad formatting string: d'],
  ])('with_sequence %s fails with %s', (spec, msg) => {
    expect(() => items('sequence', spec)).toThrow(msg);
  });

  it('with_sequence reads Python integers and counts down with a negative stride', () => {
    expect(items('sequence', 'start=0x0a end=0o14 format=%02x')).toEqual(['0a', '0b', '0c']);
    expect(items('sequence', 'start=5 end=1 stride=-2')).toEqual(['5', '3', '1']);
    expect(items('sequence', 'count=0')).toEqual([]);
    expect(items('sequence', '0x10-0x12:h%X')).toEqual(['h10', 'h11', 'h12']);
  });
});

describe('iterationVars', () => {
  it('builds ansible_loop as extended loops see it', () => {
    const v = iterationVars(['a', 'b'], 0, { extended: true, index_var: 'i' });
    expect(v).toMatchObject({ item: 'a', i: 0, ansible_loop_var: 'item' });
    expect(v.ansible_loop).toEqual({ index: 1, index0: 0, first: true, last: false, length: 2, revindex: 2, revindex0: 1, allitems: ['a', 'b'], nextitem: 'b' });
    expect(iterationVars(['a', 'b'], 1, { extended: true, loop_var: 'x' }).ansible_loop).toMatchObject({ previtem: 'a', last: true });
  });
});
