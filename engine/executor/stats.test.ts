import { RunStats } from './stats';

describe('RunStats', () => {
  it('counts like the recap of ansible-playbook 2.14 for rescue, ignore_errors and ignore_unreachable', () => {
    // Mirrors a real run: a rescued failing command, its rescue debug, an ignored failure,
    // an ignored unreachable host and a final debug → ok=4 changed=0 failed=0 rescued=1 ignored=2.
    const stats = new RunStats();
    stats.record('h', 'failed', { changed: true });
    stats.rescued('h');
    stats.record('h', 'ok');
    stats.record('h', 'failed', { ignored: true, changed: false });
    stats.record('h', 'unreachable', { ignored: true });
    stats.record('h', 'ok');
    expect(stats.summary().h).toEqual({ ok: 4, changed: 0, unreachable: 0, failures: 0, skipped: 0, rescued: 1, ignored: 2 });
  });

  it('counts a changed result as ok too, and an ignored changed failure as changed', () => {
    const stats = new RunStats();
    stats.record('h', 'changed');
    stats.record('h', 'failed', { ignored: true, changed: true });
    stats.record('h', 'skipped');
    stats.record('h', 'failed');
    expect(stats.summary().h).toEqual({ ok: 2, changed: 2, unreachable: 0, failures: 1, skipped: 1, rescued: 0, ignored: 1 });
  });
});
