import { TsibleError } from '../errors';
import { iniGet, parseIni } from './ini';

const get = (text: string, section: string, key: string) => iniGet(parseIni(text, '/p/ansible.cfg'), section, key);

function parseError(text: string): TsibleError {
  try {
    parseIni(text, '/p/ansible.cfg');
  } catch (err) {
    return err as TsibleError;
  }
  throw new Error('expected a parse error');
}

describe('parseIni, with the configparser behaviour Ansible 2.14 shows', () => {
  test('only " ;" starts an inline comment; " #" and a ";" inside a word stay in the value', () => {
    const text = '[defaults]\ninventory = hosts ; note\nremote_user = deploy # kept\nroles_path = a;b\n';
    expect(get(text, 'defaults', 'inventory')?.value).toBe('hosts');
    expect(get(text, 'defaults', 'remote_user')?.value).toBe('deploy # kept');
    expect(get(text, 'defaults', 'roles_path')?.value).toBe('a;b');
  });

  test('deeper-indented lines continue a value; comment lines are skipped, blank lines kept inside', () => {
    const text = '[defaults]\nroles_path = a\n  # c\n  ; c\n\n  c\n\n\nforks = 5\n';
    expect(get(text, 'defaults', 'roles_path')?.value).toBe('a\n\nc');
    expect(get(text, 'defaults', 'forks')?.value).toBe('5');
  });

  test('keys are case-insensitive, section names are not; ":" also delimits', () => {
    const text = '[defaults]\nREMOTE_USER: bob\n[Privilege_Escalation]\nbecome = yes\n';
    expect(get(text, 'defaults', 'remote_user')?.value).toBe('bob');
    expect(get(text, 'privilege_escalation', 'become')).toBeUndefined();
  });

  test('[DEFAULT] supplies keys to every section', () => {
    const text = '[DEFAULT]\ntimeout = 44\n[defaults]\nforks = 1\n';
    expect(get(text, 'defaults', 'timeout')?.value).toBe('44');
    expect(get(text, 'ssh_connection', 'timeout')?.value).toBe('44');
  });

  test('each value knows the line and column where it starts', () => {
    expect(get('[defaults]\n\n  forks   =  12\n', 'defaults', 'forks')?.origin).toEqual({
      file: '/p/ansible.cfg',
      line: 3,
      column: 14,
    });
  });

  test.each([
    ['forks = 3\n', 'File contains no section headers', 1],
    ['[defaults]\nforks = 1\nFORKS = 2\n', "option 'forks' in section 'defaults' already exists", 3],
    ['[defaults]\n[defaults]\n', "section 'defaults' already exists", 2],
    ['[defaults]\nforks\n', "'forks' is neither a [section] nor a 'key = value' line", 2],
  ])('%j is refused with its line, exit 5', (text, message, line) => {
    const err = parseError(text);
    expect(err.message).toContain(message);
    expect(err.origin?.line).toBe(line);
    expect(err.exitCode).toBe(5);
  });
});
