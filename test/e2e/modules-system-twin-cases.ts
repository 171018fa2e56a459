/**
 * Tasks run twice over: by ansible-playbook on one fresh host and by tsible's modules on its twin, then compared
 * result by result. `URL` is replaced with the test's git:// repository. Names are the twin test's own, so the
 * other tests' leftovers on the first host do not matter.
 */
export interface TwinTask {
  task: Record<string, unknown>;
  check_mode?: boolean;
  diff?: boolean;
  /** A shell command run (as root) on both hosts before the task, outside the comparison. */
  before?: string;
}

const HASH = '$6$abcdefgh$8WC6Sxt3sA5YVTLr2Glf8YCNBE1ZvhE4TqTBNJ/4WG3G8DOAZtoYTy0rB7lswFcbgDLYzhHIJXJ6zCxKngVVs/';

export const GIT_TASKS: TwinTask[] = [
  { task: { git: { repo: 'URL', dest: '/srv/twin' } }, check_mode: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin' } }, diff: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin', version: 'dev' } }, check_mode: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin', version: 'v1' } }, check_mode: true, diff: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin', version: 'v1' } }, diff: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin', version: 'main' } }, diff: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin', update: false } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-shallow', version: 'dev', depth: 1 } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-shallow', version: 'main', depth: 1 } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin.git', bare: true } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin.git', bare: true } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-none', clone: false } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin', version: 'nosuch' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin', remote: 'up' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin' } }, before: 'echo local >> /srv/twin/app.txt' },
  { task: { git: { repo: 'URL', dest: '/srv/twin', force: true } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-head', version: 'dev' } } },
  // HEAD follows the branch checked out, and the remote's default branch once the checkout is detached.
  { task: { git: { repo: 'URL', dest: '/srv/twin-head' } }, check_mode: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin-head', version: 'v1' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-head' } }, check_mode: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin-head' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-full' } }, before: 'mkdir -p /srv/twin-full && touch /srv/twin-full/x' },
  { task: { git: { repo: 'URL', dest: '/srv/twin-new', version: 'nosuch' } }, check_mode: true },
  { task: { git: { repo: 'URL', dest: '/srv/twin-tag', depth: 1, version: 'v1' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-tag', depth: 1, version: 'dev' } } },
  { task: { git: { repo: 'URL', dest: '/srv/twin-tag', depth: 1 } } },
];

export const SYSTEMD_TASKS: TwinTask[] = [
  { task: { systemd: { daemon_reload: true } } },
  { task: { systemd: { name: 'tsible-twin', state: 'started', enabled: true } }, check_mode: true },
  { task: { systemd: { name: 'tsible-twin', state: 'started', enabled: true } } },
  { task: { systemd: { name: 'tsible-twin', state: 'started', enabled: true } } },
  { task: { systemd: { name: 'tsible-twin.service', state: 'reloaded' } } },
  { task: { systemd: { name: 'tsible-twin', masked: true, state: 'stopped' } } },
  { task: { systemd: { name: 'tsible-twin', masked: true } } },
  { task: { systemd: { name: 'tsible-twin', state: 'started' } } },
  { task: { systemd: { name: 'tsible-twin', masked: false } } },
  { task: { service: { name: 'tsible-twin', enabled: false, state: 'restarted' } } },
  { task: { service: { name: 'tsible-twin', state: 'stopped', sleep: 1 } } },
  { task: { systemd: { name: 'tsible-twin' } } },
  { task: { systemd: { name: 'no-such-unit', state: 'started' } } },
  { task: { systemd: { name: 'no-such-unit', enabled: true } } },
];

/** The init script the SysV cases manage; `sleep 100001` is the pattern that tells it runs. */
export const INIT_SCRIPT = `#!/bin/sh
P=/run/tsible-sysv.pid
case "$1" in
  start) nohup sleep 100001 >/dev/null 2>&1 & echo $! > $P ;;
  stop) [ -f $P ] && kill $(cat $P); rm -f $P ;;
  reload) [ -f $P ] ;;
  status) [ -f $P ] && echo "tsible-sysv is running" && exit 0; echo "tsible-sysv is not running"; exit 3 ;;
esac
`;

/** The service module told to use init scripts: Ansible runs its sysvinit module, tsible its SysV path. */
export const SYSV_TASKS: TwinTask[] = [
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'started', pattern: 'sleep 100001' } }, check_mode: true },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'started', pattern: 'sleep 100001' } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'started', pattern: 'sleep 100001' } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', enabled: false } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'reloaded' } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'stopped', pattern: 'sleep 100001' } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'stopped', pattern: 'sleep 100001' } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'restarted', sleep: 0 } } },
  { task: { service: { name: 'tsible-sysv', use: 'sysvinit', state: 'stopped' } } },
  { task: { service: { name: 'no-such-script', use: 'sysvinit', state: 'started' } } },
];

export const USER_TASKS: TwinTask[] = [
  { task: { group: { name: 'twin-g1' } } },
  { task: { group: { name: 'twin-g1', gid: 3000 } } },
  { task: { group: { name: 'twin-g1', gid: 3001 } }, check_mode: true },
  { task: { group: { name: 'twin-g2', system: true } } },
  { task: { group: { name: 'twin-g2', state: 'absent' } }, check_mode: true },
  { task: { group: { name: 'twin-g2', state: 'absent' } } },
  { task: { user: { name: 'twin-u1', password: HASH, create_home: false, system: true } } },
  { task: { user: { name: 'twin-u1', password: HASH } } },
  { task: { user: { name: 'twin-g1', groups: ['adm', 'twin-g1'], home: '/opt/twin-homes/g1' } } },
  { task: { user: { name: 'twin-g1', groups: 'sudo', append: true } }, check_mode: true },
  { task: { user: { name: 'twin-g1', groups: 'sudo', append: true } } },
  { task: { user: { name: 'twin-g1', groups: [], comment: 'G one', shell: '/bin/bash' } } },
  { task: { user: { name: 'twin-g1', group: 'nosuch' } } },
  { task: { user: { name: 'twin-u2', groups: ['nosuch'] } } },
  { task: { user: { name: 'twin-u1', state: 'absent' } }, check_mode: true },
  { task: { user: { name: 'twin-u1', state: 'absent', remove: true } } },
  { task: { user: { name: 'twin-u1', state: 'absent' } } },
  { task: { user: { name: 'twin-k1', uid: 2500, group: 'users', password: HASH, update_password: 'on_create' } } },
  { task: { user: { name: 'twin-k1', password: HASH.replace('abcdefgh', 'abcdefgx'), update_password: 'on_create' } } },
  { task: { user: { name: 'twin-k1', password_lock: true } } },
  { task: { user: { name: 'twin-k1', password_lock: true } } },
  { task: { user: { name: 'twin-k1', uid: 2501, group: '100', home: '/home/twin-k1new', move_home: true } } },
  { task: { user: { name: 'twin-k1' } }, before: 'rm -rf /home/twin-k1new' },
  { task: { user: { name: 'twin-k1', groups: ['users', 'adm'] } } },
  { task: { user: { name: 'twin-k1', groups: ['users', 'adm'] } } },
  { task: { user: { name: 'twin-k1', groups: '' } } },
];

export const GETENT_TASKS: TwinTask[] = [
  { task: { getent: { database: 'passwd', key: 'root' } } },
  { task: { getent: { database: 'group', split: ':' } }, check_mode: true },
  { task: { getent: { database: 'passwd', key: 'twin-nobody' } } },
  { task: { getent: { database: 'passwd', key: 'twin-nobody', fail_key: false } } },
  { task: { getent: { database: 'twin-nodb' } } },
];

/** Both hosts start from the same name, so that what each reports as the name before matches. */
export const HOSTNAME_TASKS: TwinTask[] = [
  { task: { hostname: { name: 'twin-web.example.com' } }, check_mode: true, diff: true, before: 'hostnamectl set-hostname twin-start' },
  { task: { hostname: { name: 'twin-web.example.com' } }, diff: true },
  { task: { hostname: { name: 'twin-web.example.com' } } },
  { task: { hostname: { name: 'twin-db', use: 'debian' } } },
  { task: { hostname: { name: 'twin-db' } }, before: 'hostnamectl --transient set-hostname twin-other' },
  { task: { hostname: { name: 'x'.repeat(65) } } },
  { task: { hostname: { name: 'twin-start' } } },
];

export const CRON_TASKS: TwinTask[] = [
  { task: { cron: { name: 'twin-a', minute: '5', job: 'echo a' } }, check_mode: true, diff: true },
  { task: { cron: { name: 'twin-a', minute: '5', job: 'echo a' } }, diff: true },
  { task: { cron: { name: 'twin-a', minute: '5', job: 'echo a' } } },
  { task: { cron: { name: 'twin-a', minute: '6', dow: '1', job: 'echo a', disabled: true } }, diff: true },
  { task: { cron: { name: 'MAILTO', env: true, job: 'ops@example.com' } } },
  { task: { cron: { name: 'PATH', env: true, value: '/bin:/usr/bin', insertafter: 'MAILTO' } }, diff: true },
  { task: { cron: { name: 'PATH', env: true, value: '/bin:/usr/bin', insertafter: 'MAILTO' } } },
  { task: { cron: { name: 'MAILTO', env: true, state: 'absent' } } },
  { task: { cron: { name: 'twin-u', user: 'ubuntu', special_time: 'reboot', job: 'echo u' } }, diff: true },
  { task: { cron: { name: 'twin-adopt', user: 'ubuntu', minute: '0', hour: '1', job: 'adopt' } }, before: "printf '0 1 * * * adopt\\n' | crontab -u ubuntu -" },
  { task: { cron: { name: 'twin-adopt', user: 'ubuntu', minute: '0', hour: '1', job: 'adopt' } } },
  { task: { cron: { name: 'twin-f', special_time: 'daily', user: 'root', job: 'echo f', cron_file: 'twin-file' } }, diff: true },
  { task: { cron: { name: 'twin-f', special_time: 'daily', user: 'root', job: 'echo f', cron_file: 'twin-file' } } },
  { task: { cron: { name: 'twin-g', user: 'root', job: 'echo g', cron_file: '/etc/cron.d/twin.file' } }, check_mode: true },
  { task: { cron: { name: 'twin-f', cron_file: 'twin-file', state: 'absent' } }, check_mode: true, diff: true },
  { task: { cron: { name: 'twin-f', cron_file: 'twin-file', state: 'absent' } }, diff: true },
  { task: { cron: { name: 'twin-f', cron_file: 'twin-file', state: 'absent' } } },
  { task: { cron: { name: 'twin-a', state: 'absent' } }, diff: true },
  { task: { cron: { name: 'twin-b', user: 'twin-nosuchuser', job: 'echo b' } } },
  { task: { cron: { name: 'twin-c', job: 'x', special_time: 'daily', hour: '1' } } },
  { task: { cron: { name: 'twin-d', job: 'x', insertbefore: 'PATH' } } },
  { task: { cron: { name: 'twin-e', env: true, job: 'x', insertbefore: 'NOPE' } } },
];

export const DPKG_SELECTIONS_TASKS: TwinTask[] = [
  { task: { dpkg_selections: { name: 'sudo', selection: 'hold' } }, check_mode: true },
  { task: { dpkg_selections: { name: 'sudo', selection: 'hold' } } },
  { task: { dpkg_selections: { name: 'sudo', selection: 'hold' } } },
  { task: { dpkg_selections: { name: 'sudo', selection: 'install' } } },
  { task: { dpkg_selections: { name: 'twin-nosuchpkg', selection: 'purge' } }, check_mode: true },
];

const K1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKyhHEadvvn6fAS9QmBGeSG3WXVhzQuGbYkfhzJGMyR8';
const K2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGBYUT1QV0PwOEkqtUaOiKNs/Y115w/Z67nDk+Nl+/3H';

export const KNOWN_HOSTS_TASKS: TwinTask[] = [
  // Both hosts start without root's known_hosts: the git group's accept_hostkey test adds keys on one host only.
  { task: { known_hosts: { name: 'twin.example', key: `twin.example ${K1}` } }, check_mode: true, diff: true, before: 'rm -f /root/.ssh/known_hosts' },
  { task: { known_hosts: { name: 'twin.example', key: `twin.example ${K1}` } } },
  { task: { known_hosts: { name: 'twin.example', key: `twin.example ${K1}` } } },
  { task: { known_hosts: { name: 'other.example', key: `other.example ${K1}`, path: '/root/twin_known_hosts' } } },
  { task: { known_hosts: { name: 'twin.example', key: `twin.example ${K2}`, path: '/root/twin_known_hosts' } }, diff: true },
  { task: { known_hosts: { name: 'twin.example', key: `twin.example ${K2}` } } },
  { task: { known_hosts: { name: 'twin.example', state: 'absent' } }, check_mode: true },
  { task: { known_hosts: { name: 'twin.example', state: 'absent' } } },
  { task: { known_hosts: { name: 'twin.example', state: 'absent' } } },
  { task: { known_hosts: { name: 'other.example', key: `other.example ${K1}`, path: '/root/twin_known_hosts', state: 'absent' } } },
];

export const DEBCONF_TASKS: TwinTask[] = [
  { task: { debconf: { name: 'debconf' } } },
  { task: { debconf: { name: 'debconf', question: 'debconf/priority', vtype: 'select', value: 'critical' } }, check_mode: true, diff: true },
  { task: { debconf: { name: 'debconf', question: 'debconf/priority', vtype: 'select', value: 'critical' } }, diff: true },
  { task: { debconf: { name: 'debconf', question: 'debconf/priority', vtype: 'select', value: 'critical' } } },
  { task: { debconf: { name: 'twin-pkg', question: 'twin-pkg/flag', vtype: 'boolean', value: 'True', unseen: true } } },
  { task: { debconf: { name: 'twin-pkg', question: 'twin-pkg/flag', vtype: 'boolean', value: 'true' } } },
  { task: { debconf: { name: 'debconf', question: 'debconf/priority', vtype: 'select' } } },
  { task: { debconf: { name: 'debconf', question: 'debconf/priority', vtype: 'select', value: 'high' } } },
];
