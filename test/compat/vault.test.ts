import { spawnSync, SpawnSyncReturns } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * Vaulted files and values read with the secrets the command line, the environment and ansible.cfg give,
 * side by side with ansible-playbook: the same files written, the same refusals.
 */
const DIST = join(__dirname, '..', '..', 'dist', 'engine', 'cli');
const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-cli-'));
const put = (name: string, text: string, mode = 0o644) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
  chmodSync(join(dir, name), mode);
};
// Files are encrypted by the real ansible-vault, so what it writes is what tsible reads.
const ansibleVault = (...args: string[]) => {
  const r = spawnSync('ansible-vault', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};

type Tool = 'tsible' | 'ansible';
function run(tool: Tool, command: 'playbook' | 'adhoc' | 'inventory', args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): SpawnSyncReturns<string> {
  const [program, script] = {
    playbook: ['ansible-playbook', 'tsible-playbook.js'],
    adhoc: ['ansible', 'tsible.js'],
    inventory: ['ansible-inventory', 'tsible-inventory.js'],
  }[command];
  const env = { ...process.env, ANSIBLE_CONFIG: join(dir, 'none.cfg'), ANSIBLE_NOCOLOR: '1', ...opts.env };
  const [cmd, argv] = tool === 'ansible' ? [program, args] : ['node', [join(DIST, script), ...args]];
  return spawnSync(cmd, argv, { cwd: dir, env, input: opts.input ?? '', encoding: 'utf8' });
}

beforeAll(() => {
  put('pw', 'secret1\n');
  put('pw2', 'secret2\n');
  put('keys-client.sh', '#!/bin/sh\n[ "$2" = prod ] && echo secret2 && exit 0\nexit 2\n', 0o755);
  put('hosts.ini', 'web ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  put('group_vars/all.yml', 'from_group_vars: gv\n');
  put('vars.yml', 'from_vars_files: vf\n');
  put('extra.yml', 'from_extra: ev\n');
  put('tasks.yml', '- copy: { content: "{{ from_vars_files }} {{ from_group_vars }} {{ from_extra }} {{ inline }} {{ prod_value }}\\n", dest: "{{ out }}" }\n');
  put('files/secret.txt', 'copied secret\n');
  put('files/raw.txt', 'kept encrypted\n');
  put('templates/t.j2', '{{ from_vars_files }} templated\n');
  put('files/looked-up.txt', 'looked up\n');
  put('files.yml', '- hosts: all\n  gather_facts: no\n  vars_files: [vars.yml]\n  tasks: [debug: var=from_vars_files]\n');
  put('controller.yml', `- hosts: all
  gather_facts: no
  vars_files: [vars.yml]
  tasks:
    - copy: { src: secret.txt, dest: "{{ out }}/copied" }
    - copy: { src: raw.txt, dest: "{{ out }}/raw", decrypt: no }
    - template: { src: t.j2, dest: "{{ out }}/templated" }
    - copy:
        dest: "{{ out }}/lookups"
        content: "{{ lookup('file', 'looked-up.txt') }} {{ lookup('unvault', 'looked-up.txt') | trim }} {{ 'x' | vault('pw', salt='0123456789') | unvault('pw') }}"
    - copy: { content: "{{ 'x' | vault('pw', salt='0123456789', vaultid='lbl') }}", dest: "{{ out }}/filtered", decrypt: no }
    # Ansible's copy writes content to a file and decrypts it as it would a vaulted src.
    - copy: { content: "{{ lookup('file', 'vars.yml', rstrip=false) | vault('secret1') }}", dest: "{{ out }}/content-decrypted" }
`);
  for (const f of ['files/secret.txt', 'files/raw.txt', 'templates/t.j2', 'files/looked-up.txt', 'hosts.ini', 'group_vars/all.yml', 'vars.yml', 'extra.yml', 'tasks.yml']) ansibleVault('encrypt', '--vault-password-file', 'pw', f);
  const inline = ansibleVault('encrypt_string', '--vault-password-file', 'pw', '--name', 'inline', 'iv');
  const prod = ansibleVault('encrypt_string', '--vault-id', 'prod@pw2', '--name', 'prod_value', 'pv');
  const indent = (text: string) => text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  // Away from the vaulted group_vars/, which no secret would open either.
  put('lazy/lazy.yml', `- hosts: all\n  gather_facts: no\n  vars:\n${indent(inline)}\n  tasks:\n    - copy: { content: "{{ inline | unvault('secret1') }} {{ inline | type_debug }}", dest: "{{ out }}" }\n    - debug: var=inline\n`);
  put('play.yml', `- hosts: all\n  gather_facts: no\n  vars_files: [vars.yml]\n  vars:\n${indent(inline)}\n${indent(prod)}\n  tasks:\n    - include_tasks: tasks.yml\n`);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secrets = ['--vault-id', 'pw', '--vault-id', 'prod@keys-client.sh'];

describe('vaulted playbooks, vars, inventory and values', () => {
  test.each<Tool>(['ansible', 'tsible'])('%s writes the decrypted values (--vault-id file, --vault-id label@client script)', (tool) => {
    const out = join(dir, `out-${tool}`);
    const r = run(tool, 'playbook', ['-i', 'hosts.ini', 'play.yml', '-e', '@extra.yml', '-e', `out=${out}`, ...secrets]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('vf gv ev iv pv\n');
  }, 60_000);

  test.each<Tool>(['ansible', 'tsible'])('%s decrypts copy and template sources on the controller, lookups and the vault filters', (tool) => {
    const out = join(dir, `controller-${tool}`);
    mkdirSync(out, { recursive: true });
    const r = run(tool, 'playbook', ['-i', 'hosts.ini', 'controller.yml', '-e', `out=${out}`, '--vault-password-file', 'pw']);
    expect(r.status).toBe(0);
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    expect(read('copied')).toBe('copied secret\n');
    expect(read('raw')).toBe(readFileSync(join(dir, 'files/raw.txt'), 'utf8'));
    expect(read('raw')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    expect(read('templated')).toBe('vf templated\n');
    expect(read('lookups')).toBe('looked up looked up x');
    expect(read('filtered')).toBe(readFileSync(join(dir, 'controller-ansible', 'filtered'), 'utf8'));
    expect(read('filtered')).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;lbl\n/);
    expect(read('content-decrypted')).toBe('from_vars_files: vf\n');
  }, 60_000);

  test('--vault-password-file, --ask-vault-password and --vault-id label@prompt read the same secrets', () => {
    const args = ['-i', 'hosts.ini', 'play.yml', '-e', '@extra.yml', '-e', `out=${join(dir, 'out-flags')}`];
    expect(run('tsible', 'playbook', [...args, '--vault-password-file', 'pw', '--vault-id', 'prod@prompt'], { input: 'secret2\n' }).status).toBe(0);
    expect(run('tsible', 'playbook', [...args, '--ask-vault-password', '--vault-pass-file', 'pw2'], { input: 'secret1\n' }).status).toBe(0);
    expect(readFileSync(join(dir, 'out-flags'), 'utf8')).toBe('vf gv ev iv pv\n');
  }, 60_000);

  test('ANSIBLE_VAULT_PASSWORD_FILE, ANSIBLE_VAULT_IDENTITY_LIST and ansible.cfg vault_identity_list / vault_password_file', () => {
    const args = ['-i', 'hosts.ini', 'play.yml', '-e', '@extra.yml', '-e', `out=${join(dir, 'out-env')}`];
    expect(run('tsible', 'playbook', args, { env: { ANSIBLE_VAULT_PASSWORD_FILE: join(dir, 'pw'), ANSIBLE_VAULT_IDENTITY_LIST: 'prod@keys-client.sh' } }).status).toBe(0);
    put('vault.cfg', '[defaults]\nvault_password_file = pw\nvault_identity_list = prod@pw2\n');
    const r = run('tsible', 'playbook', args, { env: { ANSIBLE_CONFIG: join(dir, 'vault.cfg') } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // With ANSIBLE_VAULT_ID_MATCH only a secret labelled as the vault text is tried (1.1 texts are `default`).
    const mislabelled = [...args, '--vault-id', 'prod@pw', '--vault-id', 'prod@pw2'];
    expect(run('tsible', 'playbook', mislabelled).status).toBe(0);
    expect(run('tsible', 'playbook', mislabelled, { env: { ANSIBLE_VAULT_ID_MATCH: '1' } }).stderr).toContain('Decryption failed');
  }, 60_000);

  test.each<Tool>(['ansible', 'tsible'])('%s: no secret and a wrong secret stop the run with rc 1', (tool) => {
    const none = run(tool, 'playbook', ['-i', 'localhost,', '-c', 'local', 'play.yml', '-e', 'out=/nonexistent']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('ERROR! Attempting to decrypt but no vault secrets found');
    const wrong = run(tool, 'playbook', ['-i', 'localhost,', '-c', 'local', 'files.yml', '--vault-password-file', 'pw2']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`ERROR! Decryption failed (no vault secrets were found that could decrypt) on ${join(dir, 'vars.yml')}`);
    expect(wrong.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  }, 60_000);

  test.each<Tool>(['ansible', 'tsible'])('%s: an inline value no secret opens fails only where it is used; unvault opens it', (tool) => {
    const out = join(dir, `lazy-${tool}`);
    const r = run(tool, 'playbook', ['-i', 'localhost,', '-c', 'local', 'lazy/lazy.yml', '-e', `out=${out}`, '-e', 'ansible_python_interpreter=/usr/bin/python3']);
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('iv AnsibleVaultEncryptedUnicode');
    expect(r.stdout).toContain('fatal: [localhost]: FAILED! => {"msg": "Attempting to decrypt but no vault secrets found"}');
  }, 60_000);

  test('ad-hoc tsible and tsible-inventory read a vaulted inventory and group_vars', () => {
    const adhoc = run('tsible', 'adhoc', ['all', '-i', 'hosts.ini', '-m', 'debug', '-a', 'var=from_group_vars', '--vault-password-file', 'pw']);
    expect(adhoc.stdout).toContain('"from_group_vars": "gv"');
    const inventory = run('tsible', 'inventory', ['-i', 'hosts.ini', '--host', 'web', '--vault-password-file', 'pw']);
    expect(inventory.status).toBe(0);
    expect(JSON.parse(inventory.stdout)).toMatchObject({ from_group_vars: 'gv' });
    expect(run('tsible', 'inventory', ['-i', 'hosts.ini', '--list']).stderr).toContain('Attempting to decrypt but no vault secrets found');
  }, 60_000);
});
