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
