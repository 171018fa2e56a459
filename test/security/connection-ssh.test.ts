import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';
import { UnreachableError } from '../../engine/connection/connection';
import { createSshConnection, SshOptions } from '../../engine/connection/ssh';
import { hasAnsible } from './files-twins';
import { NOPASSWD_USER, Sshd, sshdAvailable, startSshd, TEST_PASSWORD, TEST_USER } from '../ssh/sshd';

/**
 * What reaches the controller's shell or the network from inventory text and from a host: ansible_host
 * and ansible_user in a ProxyCommand, the ssh password sent to a host whose key changed, a revoked key,
 * and host output that could pass for the connection's own markers.
 */

const TOOLS = hasAnsible ? (['tsible', 'ansible'] as const) : (['tsible'] as const);

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tsible-sec-ssh-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function connect(opts: SshOptions, host = 'target'): Promise<string> {
  const conn = createSshConnection(host, opts);
  try {
    return (await conn.exec('id -un')).stdout.trim();
  } finally {
    await conn.close();
  }
}

describe('inventory names in a ProxyCommand', () => {
  const proxied = (extra: SshOptions): SshOptions => ({ sshConfigFile: null, agentSocket: null, timeoutSec: 5, homeDir: dir, sshCommonArgs: '-o ProxyCommand="true %h %r"', ...extra });

  it.each([
    ['$(…)', '127.0.0.1$(touch MARK)'],
    ['backticks', '127.0.0.1`touch MARK`'],
    ['a semicolon', '127.0.0.1;touch MARK'],
    ['a newline', '127.0.0.1\ntouch MARK'],
    ['a leading dash', '-oProxyCommand=touch MARK'],
  ])('ansible_host with %s is refused as OpenSSH refuses it, and nothing runs', async (_what, host) => {
    const mark = join(dir, 'ran');
    const err = await connect(proxied({ hostname: host.replace('MARK', mark) })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toBe('Failed to connect to the host via ssh: hostname contains invalid characters');
    expect(existsSync(mark)).toBe(false);
  });

  it.each([['a;touch MARK'], ['a$(touch MARK)'], ['a|touch MARK'], ['-a']])('ansible_user %s is refused, and nothing runs', async (user) => {
    const mark = join(dir, 'ran');
    const err = await connect(proxied({ hostname: '127.0.0.1', user: user.replace('MARK', mark) })).catch((e) => e);
    expect(err.message).toBe('Failed to connect to the host via ssh: remote username contains invalid characters');
    expect(existsSync(mark)).toBe(false);
  });

  it('the inventory name itself, when it is the address, is checked too', async () => {
    const mark = join(dir, 'ran');
    await expect(connect(proxied({}), `web$(touch ${mark})`)).rejects.toThrow('hostname contains invalid characters');
    expect(existsSync(mark)).toBe(false);
  });

  it.each(TOOLS)('a playbook reports the host UNREACHABLE with ssh’s words (%s)', async (tool) => {
    const mark = join(dir, 'ran');
    writeFileSync(join(dir, 'inventory'), `h ansible_host='127.0.0.1$(touch ${mark})' ansible_ssh_common_args='-o ProxyCommand="true %h"'\n`);
    writeFileSync(join(dir, 'p.yml'), '- hosts: h\n  gather_facts: no\n  tasks:\n    - ping:\n');
    const args = ['-i', 'inventory', 'p.yml'];
    let out = '';
    let code: number | null;
    if (tool === 'ansible') {
      const r = spawnSync('ansible-playbook', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
      [code, out] = [r.status, `${r.stdout}${r.stderr}`];
    } else {
      const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
      code = await main(args, io);
    }
    expect(code).toBe(4);
    expect(out).toContain('fatal: [h]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: hostname contains invalid characters", "unreachable": true}');
    expect(existsSync(mark)).toBe(false);
  }, 60_000);
});

const withSshd = sshdAvailable() ? describe : describe.skip;

withSshd('a host whose key changed, with host_key_checking = False', () => {
  let sshd: Sshd;
  const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
  beforeAll(async () => {
    // DEBUG1 logs every authentication request with its method.
    sshd = await startSshd({ config: ['LogLevel DEBUG1'] });
  }, 30_000);
  afterAll(() => sshd?.stop(), 30_000);

  const passwordTries = () => (sshd.log().match(new RegExp(`userauth-request for user ${TEST_USER} service ssh-connection method (password|keyboard-interactive)`, 'g')) ?? []).length;
  const knownHosts = (line: string) => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, line);
    return `-o UserKnownHostsFile=${file}`;
  };
  const byPassword = (knownHostsArgs: string): SshOptions => sshd.options({ privateKeyFile: '/nonexistent', password: TEST_PASSWORD, hostKeyChecking: false, sshCommonArgs: knownHostsArgs });

  it('with the recorded key the password logs in (the log shows password attempts)', async () => {
    const before = passwordTries();
    expect(await connect(byPassword(knownHosts(`[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`)))).toBe(TEST_USER);
    expect(passwordTries()).toBeGreaterThan(before);
  });

  it('never sends the password to a changed key, and says why', async () => {
    const before = passwordTries();
    const err = await connect(byPassword(knownHosts(`[127.0.0.1]:${sshd.port} ${otherKey}\n`))).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toContain(`${TEST_USER}@127.0.0.1: Permission denied`);
    expect(err.message).toContain('Password and keyboard-interactive authentication are disabled to avoid man-in-the-middle attacks');
    expect(err.message).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(passwordTries()).toBe(before);
  });

  it('still logs in with a key, as ssh does', async () => {
    expect(await connect(sshd.options({ hostKeyChecking: false, sshCommonArgs: knownHosts(`[127.0.0.1]:${sshd.port} ${otherKey}\n`) }))).toBe(TEST_USER);
  });

  it('a revoked key is refused even with host_key_checking = False', async () => {
    const args = knownHosts(`@revoked [127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
    await expect(connect(sshd.options({ hostKeyChecking: false, sshCommonArgs: args }))).rejects.toThrow('marks as revoked');
  });
});

withSshd('host output the connection parses', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 30_000);
  afterAll(() => sshd?.stop(), 30_000);

  it('a link target holding a newline and a fake checksum line is read whole, and fakes nothing', async () => {
    chmodSync(dir, 0o755);
    const link = join(dir, 'link');
    const target = 'real\nC:0000000000000000000000000000000000000000\n';
    symlinkSync(target, link);
    const conn = createSshConnection('target', sshd.options());
    try {
      const st = await conn.stat(link, { checksum: true });
      expect(st).toMatchObject({ exists: true, type: 'link', linkTarget: target });
      expect(st.checksum).toBeUndefined();
    } finally {
      await conn.close();
    }
  });

  it('a missing file read through su’s terminal is missing, not an error', async () => {
    const conn = createSshConnection('target', sshd.options());
    try {
      const su = { method: 'su' as const, user: NOPASSWD_USER, password: TEST_PASSWORD };
      expect(await conn.readFile(join(dir, 'absent'), { become: su })).toBeNull();
    } finally {
      await conn.close();
    }
  });
});
