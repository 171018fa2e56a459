import * as fs from 'fs';
import * as path from 'path';
import { HostRecord } from './state';

/**
 * An Ansible INI inventory of `hosts`, all in group `testhosts`, also grouped as `full` or `light` so a
 * playbook can target the real Debian hosts only. Hosts come and go with fresh host keys, hence no known_hosts.
 */
export function renderInventory(unordered: HostRecord[], privateKey: string): string {
  const hosts = [...unordered].sort((a, b) => a.index - b.index);
  const line = (h: HostRecord) =>
    `${h.name} ansible_host=${h.address} ansible_user=${h.user} ansible_python_interpreter=/usr/bin/python3`;
  const kindGroup = (kind: HostRecord['kind']) => {
    const names = hosts.filter((h) => h.kind === kind).map((h) => h.name);
    return names.length ? [`[${kind}]`, ...names, ''] : [];
  };
  return [
    '[testhosts]',
    ...hosts.map(line),
    '',
    ...kindGroup('full'),
    ...kindGroup('light'),
    '[testhosts:vars]',
    `ansible_ssh_private_key_file=${privateKey}`,
    "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'",
    '',
  ].join('\n');
}

export function writeInventory(file: string, hosts: HostRecord[], privateKey: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderInventory(hosts, privateKey));
  return file;
}
