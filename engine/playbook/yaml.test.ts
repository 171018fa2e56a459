import { originOf, parseYaml, UnsafeText } from './yaml';
import { TsibleError } from '../errors';
import { encryptVault } from '../vault/format';
import { EncryptedText, setRunVault, Vault } from '../vault/vault';

describe('parseYaml (YAML 1.1 as Ansible reads it)', () => {
  it('reads yes/no/on/off as booleans and 0644 as octal', () => {
    const v = parseYaml('a: yes\nb: off\nc: 0644\nd: "0644"\ne: 1.5\n', 'f.yml') as Record<string, unknown>;
    expect(v).toEqual({ a: true, b: false, c: 420, d: '0644', e: 1.5 });
  });

  it('keeps the line and column of mappings, keys and items', () => {
    const v = parseYaml('- hosts: all\n  tasks:\n    - name: x\n      copy: {}\n', 'p.yml') as Array<Record<string, unknown>>;
    expect(originOf(v[0])).toEqual({ file: 'p.yml', line: 1, column: 3 });
    expect(originOf(v[0], 'tasks')).toEqual({ file: 'p.yml', line: 2, column: 3 });
    const task = (v[0].tasks as Array<Record<string, unknown>>)[0];
    expect(originOf(task, 'copy')).toEqual({ file: 'p.yml', line: 4, column: 7 });
  });

  it('decrypts a !vault value with the run\'s secrets; one it cannot fails where it is used, naming where it is', () => {
    const secret = encryptVault('s3cr3t', Buffer.from('pw')).trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    const text = `user: admin\nsecret: !vault |\n${secret}\n`;
    const loaded = parseYaml(text, 'vars.yml') as Record<string, unknown>;
    expect(loaded.secret).toBeInstanceOf(EncryptedText);
    let error: unknown;
    try {
      String(loaded.secret);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TsibleError);
    expect((error as TsibleError).message).toBe('Attempting to decrypt but no vault secrets found');
    expect((error as TsibleError).origin).toMatchObject({ file: 'vars.yml', line: 2 });
    setRunVault(new Vault([{ id: 'default', password: Buffer.from('pw') }]));
    try {
      expect(parseYaml(text, 'vars.yml')).toEqual({ user: 'admin', secret: 's3cr3t' });
      expect(String(loaded.secret)).toBe('s3cr3t');
    } finally {
      setRunVault(new Vault());
    }
  });

  it('applies merge keys, explicit keys winning', () => {
    const v = parseYaml('base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n', 'f.yml') as Record<string, Record<string, unknown>>;
    expect(v.other).toEqual({ y: 3, x: 1 });
  });

  it('lets the last duplicate key win, like PyYAML, and warns where the mapping starts', () => {
    const warnings: string[] = [];
    expect(parseYaml('top:\n  a: 1\n  a: 2\n', 'f.yml', { onWarning: (m) => warnings.push(m) })).toEqual({ top: { a: 2 } });
    expect(warnings).toEqual(['While constructing a mapping from f.yml, line 2, column 3, found a duplicate dict key (a). Using last defined value only.']);
  });

  it('does not take a key given by a merge for a duplicate', () => {
    const warnings: string[] = [];
    parseYaml('b: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n', 'f.yml', { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  it('refuses an unquoted template used as a value (a mapping as key), naming where and why', () => {
    let err: TsibleError | undefined;
    try {
      parseYaml('- debug:\n    msg: {{ x }}\n', 'p.yml');
    } catch (e) {
      err = e as TsibleError;
    }
    expect(err?.message).toMatch(/unacceptable key \(unhashable type: 'dict'\)/);
    expect(err?.origin).toEqual({ file: 'p.yml', line: 2, column: 11 });
    expect(err?.hint).toMatch(/must be quoted/);
    expect(err?.exitCode).toBe(4);
    expect(() => parseYaml('? [a, b]\n: 1\n', 'p.yml')).toThrow(/unhashable type: 'list'/);
  });

  it('keeps __proto__ as an ordinary key without touching the prototype', () => {
    const v = parseYaml('__proto__: {polluted: yes}\nconstructor: 1\n', 'f.yml') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(v.__proto__).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a syntax error with file, line and column and exit code 4', () => {
    let err: unknown;
    try {
      parseYaml('a: 1\n  b: [\n', 'bad.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TsibleError);
    expect((err as TsibleError).origin?.file).toBe('bad.yml');
    expect((err as TsibleError).origin).toEqual({ file: 'bad.yml', line: 1, column: 4 });
    expect((err as TsibleError).message).not.toMatch(/at line/);
    expect((err as TsibleError).exitCode).toBe(4);
  });

  it('names the JSON error too, as Ansible does, when broken text looks like JSON', () => {
    const message = (text: string) => {
      try {
        parseYaml(text, 'v.json');
      } catch (e) {
        return (e as TsibleError).message;
      }
      return 'loaded';
    };
    expect(message('{ }}\n')).toMatch(/^We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Extra data: line 1 column 4 \(char 3\)\n\nSyntax Error while loading YAML\.\n {2}\S/);
    expect(message('a: [\n')).toMatch(/^Syntax Error while loading YAML: /);
  });

  it('loads !unsafe as text that is marked not to be templated', () => {
    const v = parseYaml('a: !unsafe "{{ x }}"\n', 'f.yml') as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(UnsafeText);
    expect(String(v.a)).toBe('{{ x }}');
  });
});

describe('parseYaml differences from plain YAML 1.1 that follow PyYAML', () => {
  it('keeps y, n, 1e3 and dates as strings', () => {
    expect(parseYaml('a: y\nb: n\nc: 1e3\nd: 2001-12-14\ne: 1.0e+3\n', 'f.yml')).toEqual({ a: 'y', b: 'n', c: '1e3', d: '2001-12-14', e: 1000 });
  });

  it('keeps a lone dot (a path such as output_dir: .) and a sign before a leading dot as strings', () => {
    expect(parseYaml('a: .\nb: -.5\nc: .5\nd: 1.\ne: 1_0.5\nf: ._5\ng: .5e+3\nh: -.5e+3\n', 'f.yml')).toEqual({ a: '.', b: '-.5', c: 0.5, d: 1, e: 10.5, f: '._5', g: 500, h: '-.5e+3' });
  });
});

describe('duplicate keys as ansible.cfg duplicate_dict_key says', () => {
  const text = 'top:\n  a: 1\n  a: 2\n';
  it('error: a syntax error (exit code 4) at the second key', () => {
    let err: TsibleError | undefined;
    try {
      parseYaml(text, 'f.yml', { duplicateKeys: 'error' });
    } catch (e) {
      err = e as TsibleError;
    }
    expect(err?.message).toMatch(/found a duplicate dict key \(a\)/);
    expect(err?.origin).toEqual({ file: 'f.yml', line: 3, column: 3 });
    expect(err?.exitCode).toBe(4);
  });

  it('ignore: the last value, without a word', () => {
    const warnings: string[] = [];
    expect(parseYaml(text, 'f.yml', { duplicateKeys: 'ignore', onWarning: (m) => warnings.push(m) })).toEqual({ top: { a: 2 } });
    expect(warnings).toEqual([]);
  });
});
