import { checkPythonArgs, PythonArgSpec } from './argspec';

const spec: PythonArgSpec = {
  options: {
    path: { type: 'path', required: true, aliases: ['dest'] },
    state: { type: 'str', choices: ['absent', 'present'] },
    flags: { type: 'list', elements: 'str', choices: ['a', 'b'] },
    mode: { type: 'raw' },
  },
};

describe('checkPythonArgs', () => {
  it('accepts aliases, internal arguments, and values only known once templated', () => {
    expect(checkPythonArgs('m', spec, { dest: '/x', state: '{{ s }}', _ansible_check_mode: true, flags: ['{{ f }}'] })).toBeUndefined();
  });

  it('leaves free-form text and boolean-like words to the module', () => {
    expect(checkPythonArgs('m', spec, { _raw_params: 'bogus' })).toBeUndefined();
    expect(checkPythonArgs('m', { ...spec, options: { ...spec.options, state: { choices: ['yes', 'no'] } } }, { path: '/x', state: 'True' })).toBeUndefined();
    // type=SomeConverter in a literal argument_spec: only the module knows what it accepts.
    expect(checkPythonArgs('m', { ...spec, options: { ...spec.options, state: { type: null, choices: ['a'] } } }, { path: '/x', state: 'b' })).toBeUndefined();
  });

  it('reports what AnsibleModule reports first, in its words', () => {
    expect(checkPythonArgs('m', spec, { state: 'weird', bogus: 1 })).toBe('missing required arguments: path');
    expect(checkPythonArgs('m', spec, { path: '/x', state: 'weird', bogus: 1 })).toBe('value of state must be one of: absent, present, got: weird');
    expect(checkPythonArgs('m', spec, { path: '/x', flags: 'a,c' })).toBe('value of flags must be one or more of: a, b. Got no match for: c');
    expect(checkPythonArgs('ns.c.m', spec, { path: '/x', bogus: 1, zzz: 2 })).toBe(
      'Unsupported parameters for (ns.c.m) module: bogus, zzz. Supported parameters include: flags, mode, path, state (dest).',
    );
  });

  it("trusts a module's docs only as far as its source confirms them", () => {
    const documented = { ...spec, confirm: { words: new Set(['path', 'hidden', 'state', 'flags', 'mode']), required: new Set<string>() } };
    expect(checkPythonArgs('m', documented, { path: '/x', hidden: 1 })).toBeUndefined();
    expect(checkPythonArgs('m', documented, { path: '/x', bogus: 1 })).toMatch(/^Unsupported parameters for \(m\) module: bogus\./);
    // Documented as required, but the source never says required=True (another check needs it, or none).
    expect(checkPythonArgs('m', documented, { state: 'present' })).toBeUndefined();
    expect(checkPythonArgs('m', { ...documented, confirm: { ...documented.confirm, required: new Set(['path']) } }, {})).toBe('missing required arguments: path');
  });
});
