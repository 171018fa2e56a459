import copy from '../../../modules/copy';
import file from '../../../modules/file';
import command from '../../../modules/command';
import find from '../../../modules/find';
import { checkArgs, formatArgProblems, validateArgs } from '../../../engine/module/validate';

describe('validateArgs', () => {
  it('reports every problem with its path, and suggests the argument meant', () => {
    const { problems } = validateArgs(copy, { dset: '/x', mode: ['a'], force: 'maybe' }, { stage: 'run' });
    expect(formatArgProblems('copy', problems)).toBe(
      'copy: args.dset: unknown argument (expected: attributes, backup, checksum, content, decrypt, dest, directory_mode, follow, force, group, ' +
        'local_follow, mode, owner, remote_src, selevel, serole, setype, seuser, src, unsafe_writes, validate). ' +
        "Did you mean 'dest'?; args.dest: required argument is missing; args.force: must be boolean; args.mode: must be string or integer",
    );
  });

  it("coerces Ansible's booleans and numbers, and fills defaults", () => {
    const { args, problems } = validateArgs(copy, { dest: 1234, force: 'no', backup: 'on', content: 'x' }, { stage: 'run' });
    expect(problems).toEqual([]);
    expect(args).toEqual({ dest: '1234', content: 'x', force: false, backup: true, remote_src: false });
  });

  it('keeps the mode as given: int stays int, string stays string', () => {
    expect(validateArgs(copy, { dest: '/x', mode: 420 }, { stage: 'run' }).args.mode).toBe(420);
    expect(validateArgs(copy, { dest: '/x', mode: '0644' }, { stage: 'run' }).args.mode).toBe('0644');
  });

  it('maps argument aliases and rejects giving one twice', () => {
    expect(validateArgs(file, { dest: '/x' }, { stage: 'run' }).args.path).toBe('/x');
    expect(validateArgs(file, { dest: '/x', path: '/y' }, { stage: 'run' }).problems).toEqual([
      { path: 'args.path', message: "'path' and 'dest' are the same argument; give only one" },
    ]);
  });

  it('free-form text goes to the free-form argument', () => {
    expect(validateArgs(command, 'echo hi', { stage: 'run' }).args.cmd).toBe('echo hi');
    expect(validateArgs(command, { _raw_params: 'echo hi', chdir: '/tmp' }, { stage: 'run' }).args).toMatchObject({ cmd: 'echo hi', chdir: '/tmp' });
  });

  it('a comma-separated string is a list', () => {
    expect(validateArgs(find, { paths: '/a,/b' }, { stage: 'run' }).args.paths).toEqual(['/a', '/b']);
  });

  it('enum problems list the allowed values', () => {
    expect(validateArgs(file, { path: '/x', state: 'dir' }, { stage: 'run' }).problems).toEqual([
      { path: 'args.state', message: 'must be one of: file, directory, touch, link, hard, absent' },
    ]);
  });

  it('mutually exclusive arguments', () => {
    expect(validateArgs(copy, { dest: '/x', src: 'a', content: 'b' }, { stage: 'run' }).problems).toEqual([{ path: 'args.content', message: 'mutually exclusive with src' }]);
  });

  it('before templating, only names are checked where values are templated', () => {
    expect(validateArgs(copy, { dest: '{{ d }}', force: '{{ f }}' }, { stage: 'parse' }).problems).toEqual([]);
    expect(validateArgs(copy, { dest: '/x', forse: '{{ f }}' }, { stage: 'parse' }).problems).toHaveLength(1);
    expect(validateArgs(copy, '{{ all_args }}', { stage: 'parse' }).problems).toEqual([]);
    expect(validateArgs(copy, { dest: '/x', force: 'maybe' }, { stage: 'parse' }).problems).toHaveLength(1);
  });

  it('checkArgs throws a user error carrying the origin', () => {
    const origin = { file: 'site.yml', line: 3, column: 7 };
    expect(() => checkArgs(copy, { dset: 1 }, { stage: 'run', origin })).toThrow(expect.objectContaining({ name: 'TsibleError', origin }));
  });
});
