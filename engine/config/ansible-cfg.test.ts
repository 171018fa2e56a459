import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatError, TsibleError } from '../errors';
import { loadConfig } from './ansible-cfg';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-cfg-unit-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function load(cfg: string | undefined, env: NodeJS.ProcessEnv = {}) {
  if (cfg !== undefined) fs.writeFileSync(path.join(dir, 'ansible.cfg'), cfg);
  return loadConfig({ cwd: dir, env, home: path.join(dir, 'home'), systemFile: path.join(dir, 'none.cfg') });
}

function loadError(cfg: string, env: NodeJS.ProcessEnv = {}): TsibleError {
  try {
    load(cfg, env);
  } catch (err) {
    return err as TsibleError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  test('a value of the wrong type names the file, line and what was expected; exit 5', () => {
    const err = loadError('[defaults]\n\nforks = many\n');
    expect(err.exitCode).toBe(5);
    expect(err.origin).toEqual({ file: path.join(dir, 'ansible.cfg'), line: 3, column: 9 });
    expect(formatError(err)).toContain("Invalid value for forks in");
    expect(err.message).toContain("'many' is not an integer");
  });

  test('a boolean Ansible would silently read as false is refused', () => {
    const err = loadError('[privilege_escalation]\nbecome = maybe\n');
    expect(err.message).toContain("'maybe' is not a boolean");
    expect(err.origin?.line).toBe(2);
  });

  test('a value outside the allowed choices lists them', () => {
    expect(loadError('[defaults]\ngathering = lazy\n').message).toContain('is not one of: implicit, explicit, smart');
  });

  test('a bad variable names the variable; it beats a good file value', () => {
    const err = loadError('[defaults]\nforks = 3\n', { ANSIBLE_FORKS: 'x' });
    expect(err.message).toBe("Invalid value for ANSIBLE_FORKS: 'x' is not an integer");
    expect(err.origin).toBeUndefined();
  });

  test('keys tsible does not read are listed with their lines, to be warned about', () => {
    const cfg = load('[defaults]\nnocows = 1\nforks = 2\n[colors]\nok = green\n');
    expect(cfg.defaults.forks).toBe(2);
    expect(cfg.ignored_settings?.map((s) => `${s.section}.${s.key}:${s.origin.line}`)).toEqual([
      'defaults.nocows:2',
      'colors.ok:5',
    ]);
  });

  test('sources say where each set value came from', () => {
    const cfg = load('[defaults]\nforks = 2\n', { ANSIBLE_TIMEOUT: '3' });
    expect(cfg.sources['defaults.forks']).toMatchObject({ line: 2 });
    expect(cfg.sources['defaults.timeout']).toEqual({ env: 'ANSIBLE_TIMEOUT' });
    expect(cfg.sources['defaults.gathering']).toBeUndefined();
  });

  test('a config file that is not .cfg or .ini is refused, as Ansible does', () => {
    const other = path.join(dir, 'x.conf');
    fs.writeFileSync(other, '[defaults]\n');
    expect(() => load(undefined, { ANSIBLE_CONFIG: other })).toThrow('Unsupported configuration file extension');
  });

  test('ANSIBLE_CONFIG naming a missing file falls through to the next place', () => {
    const cfg = load('[defaults]\nforks = 8\n', { ANSIBLE_CONFIG: path.join(dir, 'missing.cfg') });
    expect(cfg.defaults.forks).toBe(8);
  });
});
