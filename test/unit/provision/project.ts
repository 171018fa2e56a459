import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { loadProvisionConfig, ProvisionConfig } from '../../../engine/provision/config';
import { ProvisionDeps } from '../../../engine/provision/context';
import { FakeAccount } from './fake-ec2';

/** A throwaway project directory: provision.yml, variable.yml and the inventory as the repository ships it. */

export const INVENTORY = `# The servers flaskr is deployed to, one per line, e.g.:
#   web1 ansible_host=203.0.113.10
# \`tsible-provision apply\` adds the instances it starts here.
[webservers]
`;

export const PROVISION = `name: flaskr
region: eu-west-1
ami: ami-0123456789abcdef0
instance_type: t2.micro
instance_count: 1
key_name: flaskr-key
tags: {project: flaskr}
`;

export class Project {
  readonly dir = mkdtempSync(join(tmpdir(), 'tsible-provision-'));

  constructor(provision = PROVISION) {
    mkdirSync(join(this.dir, 'inventory'));
    writeFileSync(join(this.dir, 'inventory/hosts'), INVENTORY);
    writeFileSync(join(this.dir, 'variable.yml'), 'app_port: 8080\nwsgi_worker: 3\n');
    this.write(provision);
  }

  write(provision: string): void {
    writeFileSync(join(this.dir, 'provision.yml'), provision);
  }

  /** The provision.yml with `key: value` lines replaced or added. */
  set(settings: Record<string, string | number>): void {
    let text = readFileSync(join(this.dir, 'provision.yml'), 'utf8');
    for (const [k, v] of Object.entries(settings)) {
      const line = `${k}: ${v}`;
      text = new RegExp(`^${k}:.*$`, 'm').test(text) ? text.replace(new RegExp(`^${k}:.*$`, 'm'), line) : `${text}${line}\n`;
    }
    this.write(text);
  }

  config(): ProvisionConfig {
    return loadProvisionConfig(join(this.dir, 'provision.yml'));
  }

  hosts(): string {
    return readFileSync(join(this.dir, 'inventory/hosts'), 'utf8');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Deps whose clock moves only when something sleeps, so waiting and timeouts take no real time. */
export function fakeDeps(over: Partial<ProvisionDeps> = {}): ProvisionDeps & { lines: string[]; slept: number[] } {
  let clock = 1_700_000_000_000;
  const lines: string[] = [];
  const slept: number[] = [];
  return {
    ec2: new EC2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } }),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
    probePort: async () => true,
    report: (line) => lines.push(line),
    lines,
    slept,
    ...over,
  };
}

/** A new fake EC2 account and project directory for every test of the calling file, handed to `use`. */
export function freshEachTest(use: (account: FakeAccount, project: Project) => void): void {
  let current: { account: FakeAccount; project: Project } | undefined;
  beforeEach(() => {
    current = { account: new FakeAccount(), project: new Project() };
    use(current.account, current.project);
  });
  afterEach(() => {
    current?.account.restore();
    current?.project.remove();
  });
}
