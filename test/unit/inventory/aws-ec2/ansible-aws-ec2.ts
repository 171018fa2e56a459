import { execFile, execFileSync } from 'child_process';
import { Account } from './fake-ec2';

/**
 * Real Ansible's amazon.aws.aws_ec2 plug-in over the same fake account as tsible's tests: boto3's
 * EC2 client is replaced by one answering from the account (same filters, same data), and
 * ansible-inventory runs in one Python process for all the cases. Needs ansible-core, the amazon.aws
 * collection and boto3; describeWithAwsEc2Plugin skips when one is missing.
 */

const PYTHON = '/usr/bin/python3';

function pluginAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import boto3, os, ansible; assert os.path.isdir("/usr/lib/python3/dist-packages/ansible_collections/amazon/aws/plugins/inventory")'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const describeWithAwsEc2Plugin = pluginAvailable() ? describe : describe.skip;

const SCRIPT = String.raw`
import io, json, sys, contextlib, datetime
import boto3
req = json.load(sys.stdin)
account = req['account']

def matches(inst, filters):
    for f in filters:
        name, values = f['Name'], f['Values']
        if name == 'instance-state-name': have = [inst['State']['Name']]
        elif name == 'instance-type': have = [inst['InstanceType']]
        elif name.startswith('tag:'): have = [t['Value'] for t in inst.get('Tags', []) if t['Key'] == name[4:]]
        else: raise Exception('the fake EC2 does not know filter ' + name)
        if not set(have) & set(values): return False
    return True

def thaw(inst):
    inst = json.loads(json.dumps(inst))
    if 'LaunchTime' in inst:
        inst['LaunchTime'] = datetime.datetime.fromisoformat(inst['LaunchTime'].replace('Z', '+00:00'))
    return inst

class Result:
    def __init__(self, reservations): self.reservations = reservations
    def build_full_result(self): return {'Reservations': self.reservations}

class Pages:
    def __init__(self, region): self.region = region
    def paginate(self, Filters):
        found = []
        for r in account.get(self.region, []):
            insts = [thaw(i) for i in r['Instances'] if matches(i, Filters)]
            if insts: found.append(dict(r, Instances=insts))
        return Result(found)

class Client:
    def __init__(self, region): self.region = region
    def describe_regions(self): return {'Regions': [{'RegionName': r} for r in account]}
    def get_paginator(self, name): return Pages(self.region)

boto3.session.Session.client = lambda self, service, region=None, **kw: Client(region)
from ansible.cli.inventory import InventoryCLI
from ansible.utils.context_objects import GlobalCLIArgs
out = []
for args in req['runs']:
    GlobalCLIArgs._Singleton__instance = None
    buf, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        try:
            InventoryCLI.cli_executor(['ansible-inventory'] + args)
        except SystemExit as e:
            code = e.code
    out.append({'code': code, 'stdout': buf.getvalue(), 'stderr': err.getvalue()})
print(json.dumps(out))
`;

export interface AnsibleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** ansible-inventory with each argument list, in `cwd`, against `account`. */
export function runAnsibleAwsEc2(account: Account, runs: string[][], cwd: string, home: string): Promise<AnsibleRun[]> {
  const env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake' };
  return new Promise((done, fail) => {
    const child = execFile(PYTHON, ['-c', SCRIPT], { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`ansible's aws_ec2 failed: ${stderr}`));
      else done(JSON.parse(stdout) as AnsibleRun[]);
    });
    child.stdin?.end(JSON.stringify({ account, runs }));
  });
}
