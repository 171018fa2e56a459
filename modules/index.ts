import type { AnyModule } from '../engine/module/types';

/** Built-in modules by name, sorted; each is imported only when a task first uses it. */
export const builtinModules: Record<string, () => Promise<AnyModule>> = {
  apt: () => import('./apt').then((m) => m.default),
  assert: () => import('./assert').then((m) => m.default),
  async_status: () => import('./async_status').then((m) => m.default),
  blockinfile: () => import('./blockinfile').then((m) => m.default),
  command: () => import('./command').then((m) => m.default),
  copy: () => import('./copy').then((m) => m.default),
  cron: () => import('./cron').then((m) => m.default),
  debconf: () => import('./debconf').then((m) => m.default),
  debug: () => import('./debug').then((m) => m.default),
  dpkg_selections: () => import('./dpkg_selections').then((m) => m.default),
  fail: () => import('./fail').then((m) => m.default),
  fetch: () => import('./fetch').then((m) => m.default),
  file: () => import('./file').then((m) => m.default),
  find: () => import('./find').then((m) => m.default),
  get_url: () => import('./get_url').then((m) => m.default),
  getent: () => import('./getent').then((m) => m.default),
  git: () => import('./git').then((m) => m.default),
  group: () => import('./group').then((m) => m.default),
  hostname: () => import('./hostname').then((m) => m.default),
  known_hosts: () => import('./known_hosts').then((m) => m.default),
  lineinfile: () => import('./lineinfile').then((m) => m.default),
  package: () => import('./package').then((m) => m.default),
  pause: () => import('./pause').then((m) => m.default),
  ping: () => import('./ping').then((m) => m.default),
  pip: () => import('./pip').then((m) => m.default),
  raw: () => import('./raw').then((m) => m.default),
  replace: () => import('./replace').then((m) => m.default),
  script: () => import('./script').then((m) => m.default),
  service: () => import('./service').then((m) => m.default),
  setup: () => import('./setup').then((m) => m.default),
  shell: () => import('./shell').then((m) => m.default),
  slurp: () => import('./slurp').then((m) => m.default),
  stat: () => import('./stat').then((m) => m.default),
  systemd: () => import('./systemd').then((m) => m.default),
  tempfile: () => import('./tempfile').then((m) => m.default),
  template: () => import('./template').then((m) => m.default),
  uri: () => import('./uri').then((m) => m.default),
  user: () => import('./user').then((m) => m.default),
  wait_for: () => import('./wait_for').then((m) => m.default),
};

/** Other names Ansible gives a built-in module (`systemd_service` is the systemd module's newer name). */
export const builtinAliases: Record<string, string> = {
  // Ansible's gather_facts action runs the fact modules; on Linux that is setup with the same options.
  gather_facts: 'setup',
  systemd_service: 'systemd',
};
