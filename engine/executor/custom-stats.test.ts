import { CustomStats } from './custom-stats';

describe('CustomStats (set_stats)', () => {
  it('adds up aggregated values as ansible-playbook 2.14 did for two hosts running the same set_stats twice', () => {
    // Ansible showed: RUN: { "d": {  "a": 1,  "b": 2 }, "l": [  1,  1,  2,  2 ], "my_int": 50, "s": "xxyy"}
    const stats = new CustomStats();
    for (const data of [{ my_int: 10, d: { a: 1 }, s: 'x', l: [1] }, { my_int: 15, d: { b: 2 }, s: 'y', l: [2] }]) {
      for (let host = 0; host < 2; host++) stats.add(data, { aggregate: true });
    }
    expect(stats.summary()).toEqual({ _run: { my_int: 50, d: { a: 1, b: 2 }, s: 'xxyy', l: [1, 1, 2, 2] } });
  });

  it('keeps per-host stats apart, replaces without aggregate, and drops a value of another type', () => {
    const stats = new CustomStats();
    stats.add({ ph: 1, n: 1 }, { host: 'h1', aggregate: true });
    stats.add({ ph: 2, n: 'text' }, { host: 'h1', aggregate: false });
    stats.add({ n: 5 }, { host: 'h2', aggregate: true });
    stats.add({ n: 'five' }, { host: 'h2', aggregate: true });
    expect(stats.summary()).toEqual({ h1: { ph: 2, n: 'text' }, h2: { n: 5 } });
  });
});
