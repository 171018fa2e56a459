import { JsonOutput } from './json';
import { TaskInfo } from './events';

describe('JsonOutput', () => {
  it('prints one document with plays, tasks, per-host results and stats, like the json callback', () => {
    const out: string[] = [];
    const json = new JsonOutput({ out: (s) => out.push(s), err: () => undefined }, () => new Date('2026-01-01T00:00:00.000Z'));
    const task: TaskInfo = { id: 't1', name: 'set fact', action: 'set_fact', kind: 'task', loop: false, check: false, path: '/p.yml:19' };
    json.handle({ kind: 'play_start', name: 'all', check: false, strategy: 'linear', path: '/p.yml:1' });
    json.handle({ kind: 'task_start', task });
    json.handle({ kind: 'runner_ok', task, host: 'h1', result: { changed: false, ansible_facts: { x: '1' } }, display: {} });
    json.handle({ kind: 'stats', check: false, hosts: { h1: { ok: 1, changed: 0, unreachable: 0, failures: 0, skipped: 0, rescued: 0, ignored: 0 } } });
    expect(out).toHaveLength(1);
    const doc = JSON.parse(out[0]);
    expect(Object.keys(doc)).toEqual(['custom_stats', 'global_custom_stats', 'plays', 'stats']);
    expect(doc.plays[0].play).toMatchObject({ name: 'all', path: '/p.yml:1', duration: { start: '2026-01-01T00:00:00.000000Z' } });
    expect(doc.plays[0].tasks[0].hosts.h1).toEqual({ action: 'set_fact', ansible_facts: { x: '1' }, changed: false });
    expect(doc.plays[0].tasks[0].task).toMatchObject({ id: 't1', name: 'set fact', path: '/p.yml:19' });
    expect(doc.stats.h1.ok).toBe(1);
  });

  it("gives a result's action as the task wrote the module's name, short or redirected, as Ansible's json callback does", () => {
    const out: string[] = [];
    const json = new JsonOutput({ out: (s) => out.push(s), err: () => undefined }, () => new Date(0));
    const task: TaskInfo = { id: 't1', name: 'ini', action: 'community.general.ini_file', actionAsWritten: 'ini_file', kind: 'task', loop: false, check: false };
    json.handle({ kind: 'play_start', name: 'all', check: false, strategy: 'linear' });
    json.handle({ kind: 'task_start', task });
    json.handle({ kind: 'runner_changed', task, host: 'h1', result: { changed: true }, display: {} });
    json.handle({ kind: 'stats', check: false, hosts: {} });
    expect(JSON.parse(out[0]).plays[0].tasks[0].hosts.h1.action).toBe('ini_file');
  });

  it('fills custom_stats and global_custom_stats with set_stats data only when show_custom_stats is on', () => {
    const custom = { h1: { n: 1 }, _run: { total: 3 } };
    const docFor = (show: boolean) => {
      const out: string[] = [];
      new JsonOutput({ out: (s) => out.push(s), err: () => undefined }, () => new Date(0), show).handle({ kind: 'stats', check: false, hosts: {}, custom });
      return JSON.parse(out[0]);
    };
    expect(docFor(true)).toMatchObject({ custom_stats: { h1: { n: 1 } }, global_custom_stats: { total: 3 } });
    expect(docFor(false)).toMatchObject({ custom_stats: {}, global_custom_stats: {} });
  });
});
