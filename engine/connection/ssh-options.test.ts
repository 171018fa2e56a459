import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseSshArgs } from './ssh-args';
import { resolveSsh, SshOptions } from './ssh-options';

const dir = mkdtempSync(join(tmpdir(), 'tsible-ssh-options-'));
const keys = ['k1', 'k2', 'k3'].map((k) => {
  writeFileSync(join(dir, k), '');
  return join(dir, k);
});

/** The ssh argv Ansible's ssh connection builds from the same inputs, in its order. */
function ansibleArgv(o: SshOptions): string[] {
  const argv = [...splitWords(o.sshArgs)];
  if (o.hostKeyChecking === false) argv.push('-o', 'StrictHostKeyChecking=no');
  if (o.port !== undefined) argv.push('-o', `Port=${o.port}`);
  if (o.privateKeyFile) argv.push('-o', `IdentityFile="${o.privateKeyFile}"`);
  if (o.user) argv.push('-o', `User="${o.user}"`);
  argv.push('-o', `ConnectTimeout=${o.timeoutSec ?? 10}`);
  return [...argv, ...splitWords(o.sshCommonArgs), ...splitWords(o.sshExtraArgs)];
}

function splitWords(args?: string): string[] {
  // The cases below quote nothing, so a plain split gives ssh the same words.
  return args ? args.split(/\s+/).filter(Boolean) : [];
}

/** What OpenSSH itself resolves (`ssh -G`), reduced to the settings we apply. */
function openssh(host: string, config: string, o: SshOptions) {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, config);
  const out = execFileSync('ssh', ['-G', '-F', file, ...ansibleArgv(o), host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const get = (k: string) => out.split('\n').filter((l) => l.startsWith(`${k} `)).map((l) => l.slice(k.length + 1));
  const ours = resolveSsh(host, { ...o, sshConfigFile: file });
  return {
    openssh: {
      hostname: get('hostname')[0],
      port: Number(get('port')[0]),
      user: get('user')[0],
      identityFiles: get('identityfile'),
      strict: get('stricthostkeychecking')[0].replace('ask', 'yes').replace('false', 'no').replace('true', 'yes'),
      proxyJump: get('proxyjump')[0],
      // ssh -G prints ProxyCommand before its tokens are expanded; ssh expands them when it runs it.
      proxyCommand: get('proxycommand')[0]
        ?.replace(/%h/g, get('hostname')[0])
        .replace(/%p/g, get('port')[0])
        .replace(/%n/g, host),
      connectTimeout: Number(get('connecttimeout')[0]),
      knownHosts: get('userknownhostsfile')[0].split(' ')[0],
    },
    ours: {
      hostname: ours.hostname,
      port: ours.port,
      user: ours.user,
      identityFiles: ours.identityFiles,
      strict: ours.strictHostKeyChecking,
      proxyJump: ours.proxyJump,
      proxyCommand: ours.proxyCommand,
      connectTimeout: ours.connectTimeoutSec,
      knownHosts: ours.knownHostsFiles[0],
    },
  };
}

writeFileSync(join(dir, 'inc-web.conf'), `User from-include\nHost web-9\n  Port 2209\n`);
writeFileSync(join(dir, 'inc-all.conf'), `Host inc-*\n  HostName included.example.org\n  ProxyCommand ssh -W %h:%p gw-for-%n\n`);

const config = [
  `Include ${dir}/inc-a*.conf`,
  `IdentityFile ${keys[2]}`,
  'Host web-* !web-legacy',
  '  HostName %h.example.org',
  '  Port 2201',
  `  Include ${dir}/inc-web.conf`,
  '  User deploy',
  `  IdentityFile ${keys[0]}`,
  'Host db1',
  '  HostName=10.0.0.5',
  '  ProxyJump bastion@jump.example.org:2222',
  '  StrictHostKeyChecking accept-new',
  `  UserKnownHostsFile ${dir}/db_known_hosts`,
  'Host *',
  '  User fallback',
  '  Port 2299',
  '',
].join('\n');

describe('resolveSsh agrees with `ssh -G` on the options Ansible passes', () => {
  const cases: Array<[string, string, SshOptions]> = [
    ['ssh_config Host entries with %h and negation', 'web-1', {}],
    ['a negated pattern falls through to Host *', 'web-legacy', {}],
    ['host vars win over ssh_config', 'web-2', { port: 22, user: 'alice', privateKeyFile: keys[1] }],
    ['ssh_args come before host vars', 'web-3', { sshArgs: '-o Port=2300 -C -o ControlMaster=auto', port: 22 }],
    ['common and extra args come after host vars', 'db1', { user: 'root', sshCommonArgs: '-o User=other -o ProxyJump=none', sshExtraArgs: '-o ConnectTimeout=3' }],
    ['ProxyJump, StrictHostKeyChecking and UserKnownHostsFile from ssh_config', 'db1', {}],
    ['host_key_checking off', 'db1', { hostKeyChecking: false }],
    ['short flags -p -l -i -J', 'plain', { sshCommonArgs: `-p 2022 -l bob -i ${keys[1]} -J j1,j2:23` }],
    ['Include inside a Host section applies only there', 'web-9', {}],
    ['Include at the top with a glob, %n in ProxyCommand', 'inc-1', {}],
  ];
  it.each(cases)('%s', (_name, host, opts) => {
    const { openssh: expected, ours } = openssh(host, config, opts);
    expect(ours).toEqual(expected);
  });
});

describe('parseSshArgs', () => {
  it('reads -o in all its spellings and skips flags it does not apply', () => {
    expect(parseSshArgs(`-C -oPort=1 -o "User bob" -o 'ProxyCommand=ssh -W %h:%p jump' -L 80:x:80 -v -o IdentityFile="/a b"`)).toEqual([
      ['port', '1'],
      ['user', 'bob'],
      ['proxycommand', 'ssh -W %h:%p jump'],
      ['identityfile', '/a b'],
    ]);
  });
});
