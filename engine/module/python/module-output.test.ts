import { jsonInOutput, parseModuleOutput } from './module-output';

const run = (stdout: string, stderr = '', rc = 0) => parseModuleOutput({ stdout, stderr, rc }, '/usr/bin/python3');

describe('reading a Python module output as Ansible does', () => {
  it('takes the JSON object and sets changed when the module left it out', () => {
    expect(run('{"msg": "hi"}\n').result).toEqual({ msg: 'hi', changed: false });
  });

  it('drops noise before the JSON silently and warns of junk after it', () => {
    const { result, warnings } = run('Welcome to host\n{"changed": true,\n "x": 1}\nbye\n');
    expect(result).toEqual({ changed: true, x: 1 });
    expect(warnings).toEqual(['Module invocation had junk after the JSON data: bye\n']);
  });

  it('a crash is MODULE FAILURE with the raw output, rc and the traceback as exception', () => {
    const trace = 'Traceback (most recent call last):\nException: boom\n';
    expect(run('', trace, 1).result).toEqual({
      failed: true,
      changed: false,
      msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error',
      module_stdout: '',
      module_stderr: trace,
      exception: trace,
      rc: 1,
    });
  });

  it('a missing interpreter says to set it', () => {
    expect(run('', '/bin/sh: 1: /usr/bin/python3: not found\n', 127).result.msg).toBe(
      'The module failed to execute correctly, you probably need to set the interpreter.\nSee stdout/stderr for the exact error',
    );
  });

  it('removes internal keys and discovered interpreters with warnings, renames a mapping under results', () => {
    const { result, warnings } = run('{"_ansible_no_log": true, "results": {"a": 1}, "ansible_facts": {"discovered_interpreter_python": "/x", "y": 2}, "warnings": []}');
    expect(result).toEqual({ ansible_module_results: { a: 1 }, ansible_facts: { y: 2 }, changed: false });
    expect(warnings).toEqual([
      'Removed unexpected internal key in module return: _ansible_no_log = true',
      "Found internal 'results' key in module return, renamed to 'ansible_module_results'.",
    ]);
  });

  it('splits stdout and stderr into lines as Python splitlines does', () => {
    expect(run('{"stdout": "a\\nb\\n", "stderr": ""}').result).toMatchObject({ stdout_lines: ['a', 'b'], stderr_lines: [] });
  });

  it('finds no JSON where no line starts with {', () => {
    expect(jsonInOutput('nothing here\n')).toBeUndefined();
    expect(run('[1, 2]').result.failed).toBe(true);
  });
});
