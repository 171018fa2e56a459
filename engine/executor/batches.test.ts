import { serialBatches } from './batches';

const hosts = ['a', 'b', 'c', 'd', 'e'];

describe('serialBatches', () => {
  it('keeps the play as one batch without serial', () => {
    expect(serialBatches(hosts, undefined)).toEqual([hosts]);
  });
  it('splits by a number, a percentage, and a list whose last size repeats', () => {
    expect(serialBatches(hosts, 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(serialBatches(hosts, '40%')).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(serialBatches(hosts, [1, '50%'])).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });
  it('rounds a small percentage up to one host', () => {
    expect(serialBatches(hosts, '10%')).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });
  it('rejects what is not a size', () => {
    expect(() => serialBatches(hosts, 'many')).toThrow(/serial must be a number/);
  });
});
