import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { controllerAnsible } from '../module/python/ansible-core';
import { actionPluginDirs, ActionPlugins, isNativeAction } from './actions';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tsible-actions-'));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  return root;
}

describe('action plug-in directories and names', () => {
  const root = tree(['pb/action_plugins/mine.py', 'pb/action_plugins/copy.py', 'roles/r/action_plugins/theirs.py', 'conf/sub/deep.py', 'conf/top.py']);
  const dirs = actionPluginDirs([join(root, 'pb')], [join(root, 'roles/r'), join(root, 'roles/none')], [join(root, 'conf'), join(root, 'missing')]);

  it("are searched beside the playbook, in roles, then the configured paths after their subdirectories, as Ansible's loader does", () => {
    expect(dirs).toEqual([join(root, 'pb/action_plugins'), join(root, 'roles/r/action_plugins'), join(root, 'conf/sub'), join(root, 'conf')]);
  });

  it('finds a short name in those directories; a name tsible runs natively stays native', () => {
    const plugins = new ActionPlugins(dirs, isNativeAction);
    expect(plugins.find('mine')).toEqual({ name: 'mine', file: join(root, 'pb/action_plugins/mine.py') });
    expect(plugins.find('ansible.legacy.theirs')).toEqual({ name: 'theirs', file: join(root, 'roles/r/action_plugins/theirs.py') });
    expect(plugins.find('deep')?.file).toBe(join(root, 'conf/sub/deep.py'));
    // ansible.builtin names only ansible-core's own.
    expect(plugins.find('ansible.builtin.mine')).toBeUndefined();
    expect(plugins.find('copy')).toBeUndefined();
    expect(plugins.find('debug')).toBeUndefined();
    expect(plugins.find('nothing_here')).toBeUndefined();
    expect(plugins.resolve('mine')).toEqual({ name: 'mine' });
    expect(plugins.resolve('nothing_here')).toBeUndefined();
  });

  (controllerAnsible() ? it : it.skip)("an ansible-core action without a native one in tsible (assemble) is ansible-core's plug-in", () => {
    const plugins = new ActionPlugins([], isNativeAction);
    expect(plugins.find('ansible.builtin.assemble')).toEqual({ name: 'assemble', file: `${controllerAnsible()!.dir}/plugins/action/assemble.py` });
    expect(plugins.find('template')).toBeUndefined();
  });
});
