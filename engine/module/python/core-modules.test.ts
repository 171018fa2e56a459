import { LocalConnection } from '../../connection/local';
import { findBuiltinModule } from '../registry';
import { runModule } from '../run';
import { controllerAnsible } from './ansible-core';

const maybe = controllerAnsible() ? describe : describe.skip;

maybe("ansible-core's modules where tsible has no native one", () => {
  it('a native module wins; another builtin name is ansible-core Python module; an unknown name is nothing', async () => {
    expect((await findBuiltinModule('copy')!()).source).toBeUndefined();
    expect((await findBuiltinModule('yum_repository')!()).source).toEqual({ kind: 'python', file: `${controllerAnsible()!.dir}/modules/yum_repository.py` });
    expect(findBuiltinModule('no_such_module_anywhere')).toBeUndefined();
  });

  it('a module ansible-core runs through its action plug-in fails clearly instead of running half the task', async () => {
    const mod = await findBuiltinModule('assemble')!();
    const result = await runModule(mod, { src: '/tmp', dest: '/tmp/x' }, { connection: new LocalConnection('web1') });
    expect(result).toMatchObject({ failed: true, changed: false });
    expect(result.msg).toContain(`module 'assemble' needs ansible-core's action plug-in ${controllerAnsible()!.dir}/plugins/action/assemble.py`);
    expect(result.msg).toContain('Run this task with ansible-playbook');
  });
});
