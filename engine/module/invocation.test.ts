import { NO_LOG_VALUE, withInvocation } from './invocation';
import type { AnyModule } from './types';

function mod(extra: Partial<AnyModule> = {}): AnyModule {
  return {
    name: 'demo',
    aliases: [],
    schema: { type: 'object', properties: { cmd: {}, path: {}, password: {}, force: {} } },
    freeForm: 'cmd',
    argAliases: { path: ['dest'] },
    supports: { checkMode: 'full', diff: false },
    docs: { short: '', examples: [] },
    run: async () => ({ changed: false }),
    ...extra,
  };
}

describe('withInvocation', () => {
  it('lists every argument, the free-form text as _raw_params and an alias under the name given', () => {
    const r = withInvocation(mod({ invocation: { fixed: { _uses_shell: true } } }), { cmd: 'ls', dest: '/x' }, { cmd: 'ls', path: '/x', force: false }, { changed: true });
    expect(r.invocation).toEqual({ module_args: { _raw_params: 'ls', path: '/x', dest: '/x', password: null, force: false, _uses_shell: true } });
  });

  it('adds none where Ansible has none, and keeps one the module returned', () => {
    expect(withInvocation(mod({ invocation: false }), {}, {}, { changed: false })).toEqual({ changed: false });
    const own = { changed: false, invocation: { module_args: { a: 1 } } };
    expect(withInvocation(mod(), {}, {}, own).invocation).toEqual({ module_args: { a: 1 } });
  });

  it("removes a no_log argument's value from everything returned, keys and numbers too", () => {
    const r = withInvocation(
      mod({ noLogArgs: ['password'] }),
      { password: 'hunter2' },
      { password: 'hunter2' },
      { changed: true, stdout: 'set hunter2 ok', list: ['hunter2'], hunter2: 1 },
    );
    expect(r.invocation).toEqual({ module_args: { _raw_params: null, path: null, password: NO_LOG_VALUE, force: null } });
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(r.stdout).toBe('set ******** ok');
    expect(r.list).toEqual([NO_LOG_VALUE]);
  });

  it('treats a number given as a no_log value as its text, as Ansible does', () => {
    const r = withInvocation(mod({ noLogArgs: ['password'] }), {}, { password: 1234 }, { changed: false, pin: 1234, serial: 912345, other: 56 });
    expect([r.pin, r.serial, r.other]).toEqual([NO_LOG_VALUE, '********', 56]);
  });
});
