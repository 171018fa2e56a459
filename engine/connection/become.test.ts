import { promptFailure, wrapBecome } from './become';

describe('wrapBecome', () => {
  it('builds sudo as Ansible does: -H -S -n without a password, a unique prompt and no -n with one', () => {
    const quiet = wrapBecome('id', { method: 'sudo', user: 'root' });
    const m = quiet.successMarker;
    expect(quiet.command).toBe(`sudo -H -S -n -u root /bin/sh -c 'echo ${m}; echo ${m} >&2; id'`);
    const asking = wrapBecome('id', { method: 'sudo', user: 'app', password: 'pw', flags: '-H -n' });
    expect(asking.command).toMatch(/^sudo -H -S -p '\[sudo via tsible, key=[0-9a-f]+\] password:' -u app \/bin\/sh -c /);
    expect(asking.countPrompts(`${asking.command.match(/'(\[sudo[^']+)'/)?.[1]}Sorry, try again.\n`)).toBe(1);
  });

  it('gives every command its own marker and prompt', () => {
    const a = wrapBecome('id', { method: 'sudo', user: 'root', password: 'x' });
    const b = wrapBecome('id', { method: 'sudo', user: 'root', password: 'x' });
    expect(a.successMarker).not.toBe(b.successMarker);
  });

  it('builds su with flags, keeps the script intact and frames stdin for the terminal', () => {
    const su = wrapBecome("printf 'a  b\\n'", { method: 'su', user: 'app', flags: '-l' }, { stdin: true });
    expect(su.command).toContain('su -l app -c ');
    expect(su.command).toContain("a  b");
    const framed = su.frameStdin(Buffer.from([0, 3, 4, 255])).toString();
    expect(framed).toMatch(/^AAME\/w==\nTSIBLE-STDIN-END-[0-9a-f]+\n$/);
    expect(su.countPrompts('Password: ')).toBe(1);
    expect(su.failureIn('su: Authentication failure')).toBe('Incorrect su password');
  });

  it('runs su without a terminal on the controller: stdin unframed, the marker on stderr too', () => {
    const su = wrapBecome('id', { method: 'su', user: 'app' }, { stdin: true, terminal: false });
    expect(su.command).toMatch(new RegExp(`^su app -c 'echo ${su.successMarker}; echo ${su.successMarker} >&2; .* id 0<&3 3<&- & wait \\$!'$`));
    expect([su.pty, su.stderrMarker, su.frameStdin('raw')]).toEqual([false, true, 'raw']);
  });

  it('names the failure as Ansible does', () => {
    const sudo = wrapBecome('id', { method: 'sudo', user: 'root' });
    expect(promptFailure(sudo, 1)).toBe('Missing sudo password');
    expect(promptFailure(wrapBecome('id', { method: 'sudo', user: 'root', password: 'x' }), 2)).toBe('Incorrect sudo password');
    expect(sudo.failureIn('sudo: a password is required\n')).toBe('Missing sudo password');
  });
});
