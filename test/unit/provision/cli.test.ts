import { renameSync } from 'fs';
import { join } from 'path';
import { CliIo } from '../../../engine/cli/cli-io';
import { main, World } from '../../../engine/cli/tsible-provision';
import { FakeAccount } from './fake-ec2';
import { INVENTORY, freshEachTest, Project } from './project';

let account: FakeAccount;
let project: Project;
freshEachTest((a, p) => ([account, project] = [a, p]));

const world = (): World => {
  let clock = 0;
  return { sleep: async (ms) => void (clock += ms), now: () => clock, probePort: async () => true };
};

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd: project.dir, env: { AWS_REGION: 'eu-west-1' }, stdout: (t) => (out += t), stderr: (t) => (err += t) };
  const code = await main(argv, io, world());
  return { code, out, err };
}

describe('tsible-provision', () => {
  it('plan shows what apply would create; --detailed-exitcode exits 2 while there is something to do', async () => {
    expect(await run('plan')).toEqual({
      code: 0,
      out: [
        '+ security group tsible-flaskr (inbound tcp/22 0.0.0.0/0, tcp/8080 0.0.0.0/0; all outbound)',
        '+ 1 instance t2.micro ami-0123456789abcdef0 (key pair flaskr-key)',
        '',
        'Plan: 2 to add, 0 to change, 0 to destroy.',
        '',
      ].join('\n'),
      err: '',
    });
    expect((await run('plan', '--detailed-exitcode')).code).toBe(2);
  });

  it('apply reports each step and the hosts it wrote; then plan has nothing to do, and output lists them', async () => {
    const { code, out } = await run('apply');
    const [inst] = account.live();
    const sg = [...account.groups.keys()][0];
    expect(code).toBe(0);
    expect(out).toBe([
      `created security group tsible-flaskr (${sg})`,
      `authorized tcp/22 0.0.0.0/0, tcp/8080 0.0.0.0/0 on ${sg}`,
      `launched ${inst.InstanceId} (t2.micro, ami-0123456789abcdef0)`,
      `waiting for ssh on ${inst.PublicIpAddress}`,
      'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
      '',
      'inventory/hosts [webservers]:',
      `flaskr-1 ansible_host=${inst.PublicIpAddress}`,
      '',
    ].join('\n'));
    expect(project.hosts()).toBe(`${INVENTORY}flaskr-1 ansible_host=${inst.PublicIpAddress}\n`);
    expect(await run('plan', '--detailed-exitcode')).toMatchObject({ code: 0, out: expect.stringMatching(/^No changes\./) });
    expect((await run('output')).out).toBe(`flaskr-1 ansible_host=${inst.PublicIpAddress}\n`);
    expect((await run('destroy')).out).toMatch(/Destroy complete! Resources: 2 destroyed\.\n$/);
    expect(project.hosts()).toBe(INVENTORY);
  });

  it('-f reads another settings file', async () => {
    renameSync(join(project.dir, 'provision.yml'), join(project.dir, 'staging.yml'));
    expect((await run('plan', '-f', 'staging.yml')).code).toBe(0);
    expect(await run('plan')).toMatchObject({ code: 1, err: expect.stringMatching(/^ERROR! Unable to read .*provision\.yml: ENOENT/) });
  });

  it('a settings problem is shown at its place, without a stack trace', async () => {
    project.set({ instance_type: 'huge' });
    const { code, err } = await run('plan');
    expect(code).toBe(4);
    expect(err).toBe([
      'ERROR! provision.yml: instance_type: must match pattern "^[a-z0-9-]+\\.[a-z0-9]+$"',
      `  at ${join(project.dir, 'provision.yml')}:4:16`,
      '    4 | instance_type: huge',
      '      |                ^',
      '',
    ].join('\n'));
  });

  it('--version needs no action', async () => {
    const { code, out } = await run('--version');
    expect(code).toBe(0);
    expect(out).toMatch(/^tsible-provision \d+\.\d+\.\d+\n$/);
  });

  it('an unknown action is a usage error', async () => {
    const { code, err } = await run('launch');
    expect(code).toBe(2);
    expect(err).toMatch(/tsible-provision: error: unknown action 'launch' \(expected one of: plan, apply, destroy, output\)/);
  });
});
