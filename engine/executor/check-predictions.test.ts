import { CheckPredictions } from './check-predictions';
import { Task } from '../playbook/types';

const task = (name: string): Task => ({ kind: 'task', name, action: 'x', actionAsWritten: 'x', args: {}, keywords: {}, tags: [], notify: [], origin: { file: 'p.yml', line: 1, column: 1 } });

describe('CheckPredictions', () => {
  const p = new CheckPredictions();
  p.remember('h', task('install packages'), { name: ['nginx', 'git'], state: 'present' }, { changed: true });
  p.remember('h', task('make the app dir'), { path: '/srv/app', state: 'directory' }, { changed: true });
  p.remember('h', task('clone'), { repo: 'git://x/app.git', dest: '/srv/app/src' }, { changed: true });

  it('explains a missing command by the task that would install its package', () => {
    expect(p.explain('h', { dest: '/srv/app/src' }, { failed: true, msg: 'Failed to find required executable "git" in paths: /usr/bin' })).toBe('install packages');
  });

  it('explains a missing file by the task that would create the directory it is in', () => {
    expect(p.explain('h', { path: '/srv/app/src/app.py', line: 'x' }, { failed: true, msg: 'Destination /srv/app/src/app.py does not exist !' })).toBe('clone');
  });

  it('leaves failures that no earlier change explains, and other hosts, as failures', () => {
    expect(p.explain('h', { path: '/etc/other' }, { failed: true, msg: 'permission denied' })).toBeUndefined();
    expect(p.explain('h', { path: '/opt/x' }, { failed: true, msg: 'Destination /opt/x does not exist !' })).toBeUndefined();
    expect(p.explain('other', { dest: '/srv/app/src' }, { failed: true, msg: 'Failed to find required executable "git"' })).toBeUndefined();
  });
});
