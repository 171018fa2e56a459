import { createEc2Client } from '../../../engine/aws/ec2-client';
import { formatError, TsibleError } from '../../../engine/errors';
import { clientOptions } from '../../../engine/provision/client';
import { applyProvision, planProvision } from '../../../engine/provision/operations';
import { awsError, FakeAccount } from './fake-ec2';
import { fakeDeps, freshEachTest, Project } from './project';

let account: FakeAccount;
let project: Project;
freshEachTest((a, p) => ([account, project] = [a, p]));

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as TsibleError);

describe('AWS refusals become errors that say what to do', () => {
  it('missing credentials', async () => {
    account.fail('DescribeSecurityGroups', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const err = await failure(planProvision(fakeDeps(), project.config()));
    expect(err).toBeInstanceOf(TsibleError);
    expect(formatError(err)).toBe([
      'ERROR! DescribeSecurityGroups failed: CredentialsProviderError: Could not load credentials from any providers',
      '  hint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run on a host with an instance role',
    ].join('\n'));
  });

  it('an unknown key pair', async () => {
    project.set({ key_name: 'CHANGE-ME-your-key-pair' });
    const err = await failure(applyProvision(fakeDeps(), project.config()));
    expect(err.message).toBe("RunInstances failed: InvalidKeyPair.NotFound: The key pair 'CHANGE-ME-your-key-pair' does not exist");
    expect(err.hint).toMatch(/create or import the key pair in this region/);
  });

  it('a quota reached', async () => {
    account.fail('RunInstances', awsError('InstanceLimitExceeded', 'Your quota allows for 0 more running instance(s).'));
    const err = await failure(applyProvision(fakeDeps(), project.config()));
    expect(err.message).toBe('RunInstances failed: InstanceLimitExceeded: Your quota allows for 0 more running instance(s).');
    expect(err.hint).toMatch(/lower instance_count or ask AWS for a higher limit/);
  });

  it('a permission refused', async () => {
    account.fail('CreateSecurityGroup', awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const err = await failure(applyProvision(fakeDeps(), project.config()));
    expect(err.message).toBe('CreateSecurityGroup failed: UnauthorizedOperation: You are not authorized to perform this operation.');
    expect(err.hint).toMatch(/lack the EC2 permission/);
  });

  it('throttling that never ends gives up with the throttling hint', async () => {
    for (let n = 0; n < 6; n++) account.fail('DescribeInstances', awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const err = await failure(planProvision(fakeDeps(), project.config()));
    expect(err.message).toBe('DescribeInstances failed: RequestLimitExceeded: Request limit exceeded.');
    expect(err.hint).toMatch(/throttling/);
  });
});

describe('the EC2 endpoint', () => {
  it('is AWS_ENDPOINT_URL when set (LocalStack, moto)', async () => {
    const opts = clientOptions(project.config(), { AWS_ENDPOINT_URL: 'http://localhost:4566' });
    expect(await createEc2Client(opts).config.endpoint?.()).toMatchObject({ protocol: 'http:', hostname: 'localhost', port: 4566 });
  });

  it('is the endpoint setting, which wins over the environment', async () => {
    project.set({ endpoint: 'http://moto.test:5000' });
    const opts = clientOptions(project.config(), { AWS_ENDPOINT_URL: 'http://localhost:4566' });
    expect(await createEc2Client(opts).config.endpoint?.()).toMatchObject({ hostname: 'moto.test', port: 5000 });
  });

  it('takes the region from provision.yml, else from AWS_REGION', async () => {
    expect(clientOptions(project.config(), { AWS_REGION: 'us-east-2' }).region).toBe('eu-west-1');
    project.write('name: flaskr\nami: ami-0123456789abcdef0\ninstance_type: t2.micro\nkey_name: k\n');
    expect(await createEc2Client(clientOptions(project.config(), { AWS_REGION: 'us-east-2' })).config.region()).toBe('us-east-2');
  });
});
