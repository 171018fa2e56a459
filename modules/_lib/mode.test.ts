import { formatMode, resolveMode } from './mode';

describe('resolveMode', () => {
  it.each([
    [0o644, 0, false, 0o644], // YAML 0644 arrives as 420
    [644, 0, false, 0o1204], // unquoted 644 is decimal, as in Ansible
    ['644', 0, false, 0o644],
    ['0644', 0, false, 0o644],
    ['u=rw,g=r,o=r', 0o777, false, 0o644],
    ['u+x', 0o644, false, 0o744],
    ['go-w', 0o666, false, 0o644],
    ['a+X', 0o644, true, 0o755],
    ['a+X', 0o644, false, 0o644],
    ['a+X', 0o744, false, 0o755],
    ['+t', 0o777, true, 0o1777],
    ['u+s', 0o755, false, 0o4755],
    ['g=u', 0o740, false, 0o770],
    ['=r', 0o777, false, 0o444],
  ] as const)('%p on %o (dir %p) → %o', (mode, current, isDir, expected) => {
    expect(resolveMode(mode, current, isDir)).toBe(expected);
  });

  it('rejects nonsense', () => {
    expect(() => resolveMode('rw-r--r--', 0, false)).toThrow(/octal or symbolic/);
  });
});

describe('formatMode', () => {
  it('prints as Ansible does', () => {
    expect(formatMode(0o644)).toBe('0644');
    expect(formatMode(0o1204)).toBe('01204');
    expect(formatMode(0o7)).toBe('0007');
  });
});
