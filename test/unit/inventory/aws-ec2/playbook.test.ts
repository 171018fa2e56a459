import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main as adhoc } from '../../../../engine/cli/tsible';
import { main as playbook } from '../../../../engine/cli/tsible-playbook';
import { ACCOUNT } from './account';
import { FakeEc2 } from './fake-ec2';

/** tsible-playbook and ad-hoc tsible against an aws_ec2 inventory, connecting locally to the composed address. */

const INVENTORY = `
plugin: amazon.aws.aws_ec2
regions: [us-east-1]
hostnames: [tag:Name, instance-id]
keyed_groups:
  - {key: tags.role, prefix: role}
compose:
  ansible_host: private_ip_address
  ansible_connection: "'local'"
`;

const PLAY = `
- hosts: role_web
  gather_facts: false
  tasks:
    - name: where
      ansible.builtin.debug:
        msg: "{{ inventory_hostname }} at {{ ansible_host }} in {{ placement.region }}"
    - name: run locally
      ansible.builtin.command: echo {{ instance_id }}
      register: out
    - ansible.builtin.assert:
        that: out.stdout == 'i-0a01'
`;

type Main = (argv: string[], io: { cwd: string; env: NodeJS.ProcessEnv; stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;

async function run(main: Main, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { PATH: process.env.PATH, HOME: cwd, LANG: 'C.UTF-8' };
  const code = await main(args, { cwd, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('aws_ec2 inventory in a run', () => {
  let ec2: FakeEc2;
  let dir: string;
  beforeAll(() => {
    ec2 = new FakeEc2(ACCOUNT);
    dir = mkdtempSync(join(tmpdir(), 'tsible-aws-ec2-run-'));
    writeFileSync(join(dir, 'inv.aws_ec2.yml'), INVENTORY);
    writeFileSync(join(dir, 'site.yml'), PLAY);
  });
  afterAll(() => ec2.restore());

  test('tsible-playbook runs on the hosts of a keyed group with the composed ansible_host', async () => {
    const result = await run(playbook, ['-i', 'inv.aws_ec2.yml', 'site.yml'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('"msg": "web-1 at 10.0.0.1 in us-east-1"');
    expect(result.stdout).toMatch(/web-1\s+: ok=3\s+changed=1\s+unreachable=0\s+failed=0/);
    expect(result.code).toBe(0);
  });

  test('ad-hoc tsible takes the same inventory', async () => {
    const result = await run(adhoc, ['role_web', '-i', 'inv.aws_ec2.yml', '-m', 'debug', '-a', 'var=ansible_host'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('web-1 | SUCCESS => {\n    "ansible_host": "10.0.0.1"\n}');
    expect(result.code).toBe(0);
  });
});
