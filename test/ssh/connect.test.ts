import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { UnreachableError } from '../../engine/connection/connection';
import { createSshConnection, SshOptions } from '../../engine/connection/ssh';
import { KEY_PASSPHRASE, Sshd, startSshd, TEST_PASSWORD, TEST_USER } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

let sshd: Sshd;

beforeAll(async () => {
  sshd = await startSshd();
}, 60_000);
afterAll(() => sshd?.stop(), 30_000);

/** Connects, runs `id -un`, closes; resolves to the login name or rejects with the connect error. */
async function whoami(opts: SshOptions, host = 'target'): Promise<string> {
  const conn = createSshConnection(host, opts);
  try {
    return (await conn.exec('id -un')).stdout.trim();
  } finally {
    await conn.close();
  }
}

function knownHostsWith(line: string): string {
  const file = join(mkdtempSync(join(sshd.dir, 'kh-')), 'known_hosts');
  writeFileSync(file, line);
  return file;
}

const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('host key checking', () => {
  it('accepts the key recorded in ~/.ssh/known_hosts', async () => {
    expect(await whoami(sshd.options())).toBe(TEST_USER);
  });

  it('refuses an unknown key, saying how to add it', async () => {
    const file = knownHostsWith('');
    const err = await whoami(sshd.options({ sshCommonArgs: `-o UserKnownHostsFile=${file}` })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toMatch(/^Failed to connect to the host via ssh: Host key verification failed\./);
    expect(err.message).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${file}`);
  });

  it('refuses a changed key, naming the offending line and the fix', async () => {
    const file = knownHostsWith(`[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    const err = await whoami(sshd.options({ sshCommonArgs: `-o UserKnownHostsFile=${file}` })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(err.message).toContain(`${file}:1`);
    expect(err.message).toContain(`ssh-keygen -f "${file}" -R "[127.0.0.1]:${sshd.port}"`);
  });

  it('matches hashed known_hosts entries', async () => {
    const file = knownHostsWith(`[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    expect(await whoami(sshd.options({ sshCommonArgs: `-o UserKnownHostsFile=${file}` }))).toBe(TEST_USER);
  });

  it('connects to an unknown host with host_key_checking off or StrictHostKeyChecking=no', async () => {
    const file = knownHostsWith(`[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    expect(await whoami(sshd.options({ sshCommonArgs: `-o UserKnownHostsFile=${file}`, hostKeyChecking: false }))).toBe(TEST_USER);
    expect(await whoami(sshd.options({ sshExtraArgs: `-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null` }))).toBe(TEST_USER);
  });

  it('trusts a new host on first use with accept-new, records it hashed, and refuses a changed key', async () => {
    const file = knownHostsWith('');
    const args = `-o UserKnownHostsFile=${file} -o HashKnownHosts=yes`;
    expect(await whoami(sshd.options({ sshCommonArgs: `${args} -o StrictHostKeyChecking=accept-new` }))).toBe(TEST_USER);
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);
    expect(await whoami(sshd.options({ sshCommonArgs: args }))).toBe(TEST_USER);
    const changed = knownHostsWith(`[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    const opts = sshd.options({ sshCommonArgs: `-o UserKnownHostsFile=${changed} -o StrictHostKeyChecking=accept-new` });
    await expect(whoami(opts)).rejects.toThrow('REMOTE HOST IDENTIFICATION HAS CHANGED');
  });
});

describe('authentication', () => {
  it('logs in with a password when no key works', async () => {
    expect(await whoami(sshd.options({ privateKeyFile: '/nonexistent', password: TEST_PASSWORD }))).toBe(TEST_USER);
  });

  it('reports a wrong password as unreachable with Permission denied', async () => {
    const err = await whoami(sshd.options({ privateKeyFile: '/nonexistent', password: 'nope' })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    // Word for word what Ansible (through ssh) says.
    expect(err.message).toBe(`Failed to connect to the host via ssh: ${TEST_USER}@127.0.0.1: Permission denied (publickey,password).`);
  });

  it('uses a PEM RSA key', async () => {
    expect(await whoami(sshd.options({ privateKeyFile: sshd.pemKey }))).toBe(TEST_USER);
  });

  it('decrypts an encrypted key with the passphrase given or asked for', async () => {
    expect(await whoami(sshd.options({ privateKeyFile: sshd.encryptedKey, passphrase: KEY_PASSPHRASE }))).toBe(TEST_USER);
    const asked: string[] = [];
    const askPassphrase = async (file: string) => (asked.push(file), KEY_PASSPHRASE);
    expect(await whoami(sshd.options({ privateKeyFile: sshd.encryptedKey, askPassphrase }))).toBe(TEST_USER);
    expect(asked).toEqual([sshd.encryptedKey]);
    await expect(whoami(sshd.options({ privateKeyFile: sshd.encryptedKey }))).rejects.toThrow(/Permission denied/);
  });

  it('uses keys held by ssh-agent', async () => {
    const socket = join(mkdtempSync(join(sshd.dir, 'agent-')), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await until(() => existsSync(socket));
      execFileSync('ssh-add', [sshd.pemKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      expect(await whoami(sshd.options({ privateKeyFile: '/nonexistent', agentSocket: socket }))).toBe(TEST_USER);
    } finally {
      agent.kill();
    }
  });

  it('falls back to ~/.ssh/id_ed25519 when no key is given', async () => {
    expect(await whoami(sshd.options({ privateKeyFile: undefined }))).toBe(TEST_USER);
  });
});

describe('reaching the host', () => {
  it('fails fast with Connection refused on a closed port', async () => {
    const port = await closedPort();
    // A long connect timeout: the refusal must come well before it, however busy the machine.
    const started = Date.now();
    const err = await whoami(sshd.options({ port, timeoutSec: 60 })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toBe(`Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port ${port}: Connection refused`);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('gives up after the connect timeout on a host that never answers', async () => {
    const silent = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const err = await whoami(sshd.options({ port, timeoutSec: 1 })).catch((e) => e);
      expect(err).toBeInstanceOf(UnreachableError);
      expect(err.message).toBe(`Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port ${port}: Connection timed out`);
      // Gave up rather than hung: the bound is generous for a busy machine.
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      silent.close();
    }
  }, 60_000);

  it('applies Host entries of ~/.ssh/config (HostName, Port, User, IdentityFile)', async () => {
    const config = join(sshd.dir, 'ssh_config');
    writeFileSync(config, `Host web-*\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${TEST_USER}\n  IdentityFile ${sshd.pemKey}\n`);
    const opts = { sshConfigFile: config, homeDir: sshd.dir, agentSocket: null, timeoutSec: 5 };
    expect(await whoami(opts, 'web-1')).toBe(TEST_USER);
  });

  it('lets ansible_port win over ssh_config, as Ansible passes it on the command line', async () => {
    const config = join(sshd.dir, 'ssh_config_port');
    writeFileSync(config, `Host *\n  Port 1\n`);
    expect(await whoami(sshd.options({ sshConfigFile: config }))).toBe(TEST_USER);
  });

  it('goes through a ProxyCommand (ssh -W)', async () => {
    const proxy = `ssh -W %h:%p -p ${sshd.port} -i ${sshd.clientKey} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null ${TEST_USER}@127.0.0.1`;
    const conn = createSshConnection('target', sshd.options({ hostname: 'localhost', sshCommonArgs: `-o ProxyCommand="${proxy}" -o StrictHostKeyChecking=no` }));
    expect((await conn.exec('echo via proxy')).stdout).toBe('via proxy\n');
    await conn.close();
  });

  it('goes through a ProxyJump host, checking its key too', async () => {
    const jump = `-o ProxyJump=${TEST_USER}@127.0.0.1:${sshd.port}`;
    expect(await whoami(sshd.options({ sshCommonArgs: jump }))).toBe(TEST_USER);
  });

  it('retries a failed connection with ssh retries, but not a refused login', async () => {
    const flag = join(mkdtempSync(join(sshd.dir, 'retry-')), 'tried');
    const ssh = `ssh -W %h:%p -p ${sshd.port} -i ${sshd.clientKey} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null ${TEST_USER}@127.0.0.1`;
    // Fails the first time only, as a flaky network would.
    const proxy = `sh -c 'if [ -e ${flag} ]; then exec ${ssh}; else touch ${flag}; exit 1; fi'`;
    const opts = sshd.options({ sshCommonArgs: `-o ProxyCommand="${proxy}" -o StrictHostKeyChecking=no` });
    await expect(whoami(opts)).rejects.toThrow(UnreachableError);
    rmSync(flag);
    expect(await whoami({ ...opts, retries: 1 })).toBe(TEST_USER);
    // Counted in sshd's log rather than timed: one refused login, however busy the machine.
    const refusals = () => sshd.log().split('Failed password for').length - 1;
    const before = refusals();
    await expect(whoami(sshd.options({ privateKeyFile: '/nonexistent', password: 'nope', retries: 3 }))).rejects.toThrow(/Permission denied/);
    await until(() => refusals() > before);
    expect(refusals() - before).toBe(1);
  }, 60_000);

  it('reports a failing ProxyCommand as unreachable with what the proxy said', async () => {
    const err = await whoami(sshd.options({ sshCommonArgs: `-o ProxyCommand="sh -c 'echo no route to jump >&2; exit 1'"` })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toContain('no route to jump');
  });

  it('waits for what a dying proxy says even when the broken pipe is seen first', async () => {
    // The proxy stops reading before it speaks, so ssh2's first write usually fails before stderr is read.
    const proxy = `sh -c 'exec 0<&-; echo proxy gave up >&2; exit 1'`;
    const err = await whoami(sshd.options({ sshCommonArgs: `-o ProxyCommand="${proxy}"` })).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toContain('proxy gave up');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 1000) throw new Error('condition not met in 10s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}


describe('-vvv and -vvvv connection details', () => {
  it('say who connects where and with what, and nothing of the commands run', async () => {
    const lines: Array<[number, string]> = [];
    expect(await whoami({ ...sshd.options(), password: 'not-shown', debug: (level, message) => lines.push([level, message]) })).toBe(TEST_USER);
    expect(lines.filter(([level]) => level === 3).map(([, m]) => m.replace(/\d+ ms$/, 'N ms'))).toEqual([
      `ESTABLISH SSH CONNECTION FOR USER: ${TEST_USER}`,
      `SSH: connected to 127.0.0.1:${sshd.port} in N ms`,
    ]);
    const detail = lines.find(([level]) => level === 4)?.[1] ?? '';
    expect(detail).toContain(`port=${sshd.port}`);
    expect(detail).toContain('password=yes');
    expect(lines.map(([, m]) => m).join('\n')).not.toMatch(/not-shown|id -un/);
  });

  it('say why an attempt failed', async () => {
    const lines: string[] = [];
    await expect(whoami({ ...sshd.options(), port: 1, debug: (_l, m) => lines.push(m) })).rejects.toThrow(UnreachableError);
    expect(lines.some((m) => /^SSH: connection attempt 1 failed: .*(refused|ECONNREFUSED)/i.test(m))).toBe(true);
  });
});
