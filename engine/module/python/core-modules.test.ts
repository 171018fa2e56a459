import { findBuiltinModule } from '../registry';
import { controllerAnsible } from './ansible-core';

const maybe = controllerAnsible() ? describe : describe.skip;

maybe("ansible-core's modules where tsible has no native one", () => {
  it('a native module wins; another builtin name is ansible-core Python module; an unknown name is nothing', async () => {
    expect((await findBuiltinModule('copy')!()).source).toBeUndefined();
    expect((await findBuiltinModule('yum_repository')!()).source).toEqual({ kind: 'python', file: `${controllerAnsible()!.dir}/modules/yum_repository.py` });
    expect(findBuiltinModule('no_such_module_anywhere')).toBeUndefined();
  });
});
