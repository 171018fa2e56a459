import { writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { formatError, TsibleError } from '../../../engine/errors';
import { loadProvisionConfig } from '../../../engine/provision/config';
import { PlaybookError } from '../../../engine/playbook/load';
import { Project } from './project';

let project: Project;
beforeEach(() => (project = new Project()));
afterEach(() => project.remove());

const problems = (text: string): TsibleError[] => {
  project.write(text);
  try {
    project.config();
  } catch (err) {
    return err instanceof PlaybookError ? err.problems : [err as TsibleError];
  }
  throw new Error('expected problems');
};

describe('provision.yml', () => {
  it('the repository\'s own is valid: newest Canonical jammy amd64, t2.micro, ssh and app_port 8080 open, webservers', () => {
    const config = loadProvisionConfig(resolve(__dirname, '../../../provision.yml'));
    expect(config).toMatchObject({
      name: 'flaskr',
      ami: { name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*', owner: '099720109477' },
      instanceType: 't2.micro',
      instanceCount: 1,
      inventoryGroup: 'webservers',
      inventoryFile: resolve(__dirname, '../../../inventory/hosts'),
      ingress: [{ protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' }, { protocol: 'tcp', port: 8080, cidr: '0.0.0.0/0' }],
    });
  });

  it('opens app_port as variable.yml says, unless ingress is given', () => {
    project.write('name: web\nami: ami-0abc\ninstance_type: t3.small\nkey_name: k\n');
    writeFileSync(join(project.dir, 'variable.yml'), 'app_port: 9000\n');
    expect(project.config().ingress.map((r) => r.port)).toEqual([22, 9000]);
    project.set({ ingress: '[22, {port: 443, cidr: 198.51.100.0/24}, {port: 53, protocol: udp}]' });
    expect(project.config().ingress).toEqual([
      { protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' },
      { protocol: 'tcp', port: 443, cidr: '198.51.100.0/24' },
      { protocol: 'udp', port: 53, cidr: '0.0.0.0/0' },
    ]);
  });

  it('every problem is reported at once, each at its line and column', () => {
    const found = problems([
      'name: flaskr',
      'ami: ubuntu',
      'instance_type: t2.micro',
      'instance_count: -1',
      'key_nmae: mine',
      'ingress: [22, {port: 70000}]',
      '',
    ].join('\n'));
    expect(found.map((p) => [p.message, p.origin?.line, p.origin?.column])).toEqual([
      ['provision.yml: key_name: required setting is missing', 1, 1],
      ['provision.yml: key_nmae: unknown setting', 5, 1],
      ['provision.yml: ami: must be an AMI id (ami-…) or a mapping {name: <name filter>, owner: <account id>}', 2, 6],
      ['provision.yml: instance_count: must be >= 0', 4, 17],
      ['provision.yml: ingress.1: must be a port number or a mapping {port, protocol: tcp|udp, cidr}', 6, 15],
    ]);
    expect(found[1].hint).toBe("did you mean 'key_name'?");
    expect(found.every((p) => p.origin?.file === join(project.dir, 'provision.yml'))).toBe(true);
  });

  it('shows the offending line under the message', () => {
    const [first] = problems('name: flaskr\nami: ami-0abc\ninstance_type: t2.micro\nkey_name: k\ninventory_group: web servers\n');
    expect(formatError(first)).toBe([
      'ERROR! provision.yml: inventory_group: must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"',
      `  at ${join(project.dir, 'provision.yml')}:5:18`,
      '    5 | inventory_group: web servers',
      '      |                  ^',
    ].join('\n'));
  });

  it('a file that is not a mapping, or not YAML, is an error at its place', () => {
    expect(problems('- name: flaskr\n')[0].message).toMatch(/must be a mapping of settings/);
    expect(problems('name: [flaskr\n')[0].message).toMatch(/^Syntax Error while loading YAML/);
  });
});
