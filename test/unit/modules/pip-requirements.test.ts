import { predictChange } from '../../../modules/_lib/pip/pip-plan';
import { parsePipProbe, virtualenvCommand } from '../../../modules/_lib/pip/pip-host';
import { compareVersions, parseVersion, satisfiesClause } from '../../../modules/_lib/pip/pep440';
import { isSatisfied, parseFreeze, parseRequirement, recoverPackageNames, withVersion } from '../../../modules/_lib/pip/requirement';

describe('PEP 440 versions', () => {
  const cmp = (a: string, b: string) => compareVersions(parseVersion(a)!, parseVersion(b)!);
  it.each([
    ['1.0', '1.0.0', 0],
    ['1.0.dev1', '1.0a1', -1],
    ['1.0a1', '1.0b1', -1],
    ['1.0rc1', '1.0', -1],
    ['1.0', '1.0.post1', -1],
    ['1!0.1', '2.0', 1],
    ['2.0', '10.0', -1],
    ['1.0+local.1', '1.0', 1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(cmp(a, b)).toBe(want);
  });
  it.each([
    ['2.1', '>=', '2', true],
    ['1.9', '>=', '2', false],
    ['1.4.5', '~=', '1.4.2', true],
    ['1.5.0', '~=', '1.4.2', false],
    ['1.4.7', '==', '1.4.*', true],
    ['1.5', '!=', '1.4.*', true],
    ['2.0rc1', '<', '2.0', false],
    ['1.9', '<', '2.0', true],
    ['2.0.post1', '>', '2.0', false],
    ['1.0+abc', '==', '1.0', true],
    ['weird', '===', 'weird', true],
  ])('%s %s %s → %s', (version, op, spec, want) => {
    expect(satisfiesClause(version, op, spec)).toBe(want);
  });
});

describe('pip requirements as Ansible reads name', () => {
  it('joins lone version clauses to the package before them', () => {
    expect(recoverPackageNames(['django>1.11.1', '<1.11.3', 'ipaddress'])).toEqual(['django>1.11.1,<1.11.3', 'ipaddress']);
    expect(recoverPackageNames(['django>1.11.1,<1.11.3,ipaddress'])).toEqual(['django>1.11.1,<1.11.3', 'ipaddress']);
    expect(recoverPackageNames(['requests[security,socks]>=2'])).toEqual(['requests[security,socks]>=2']);
  });
  it('parses names, extras and specifiers; URLs are not plain', () => {
    expect(parseRequirement('Flask_Login[x] >= 2, <3')).toEqual({ text: 'Flask_Login[x] >= 2, <3', name: 'flask-login', specs: [['>=', '2'], ['<', '3']] });
    expect(parseRequirement('git+https://example.com/x.git').name).toBeUndefined();
    expect(withVersion(parseRequirement('flask'), '2.0')).toMatchObject({ text: 'flask==2.0', specs: [['==', '2.0']] });
    expect(withVersion(parseRequirement('flask'), '>=2.0')).toMatchObject({ text: 'flask >=2.0', specs: [['>=', '2.0']] });
  });
  it('judges satisfaction against the freeze', () => {
    const installed = parseFreeze('Flask==2.3.2\nzope.interface==6.0\n-e git+https://x#egg=y\n');
    expect(isSatisfied(parseRequirement('flask>=2'), installed)).toBe(true);
    expect(isSatisfied(parseRequirement('Zope_Interface'), installed)).toBe(true);
    expect(isSatisfied(parseRequirement('flask<2'), installed)).toBe(false);
  });
});

describe('pip predictions and virtualenv commands', () => {
  const req = (name: string[], extra: object = {}) => ({ name, editable: false, state: 'present' as const, ...extra });
  const reqs = (names: string[]) => names.map(parseRequirement);
  it('predicts from the freeze when it can, and says so when it cannot', () => {
    expect(predictChange(req(['six']), reqs(['six']), 'six==1.16.0\n')).toBe(false);
    expect(predictChange(req(['six>=2']), reqs(['six>=2']), 'six==1.16.0\n')).toBe(true);
    expect(predictChange(req(['six'], { state: 'absent' }), reqs(['six']), 'six==1.16.0\n')).toBe(true);
    expect(predictChange(req(['six'], { state: 'latest' }), reqs(['six']), 'six==1.16.0\n')).toBeUndefined();
    expect(predictChange(req(['six'], { extra_args: '--upgrade' }), reqs(['six']), 'six==1.16.0\n')).toBeUndefined();
  });
  it('builds virtualenv and venv commands as Ansible does', () => {
    expect(virtualenvCommand('/v', { command: 'virtualenv', sitePackages: false, interpreter: '/usr/bin/python3' })).toEqual(['virtualenv', '-p/usr/bin/python3', '/v']);
    expect(virtualenvCommand('/v', { command: 'python3 -m venv', sitePackages: true, interpreter: '/usr/bin/python3' })).toEqual(['python3', '-m', 'venv', '--system-site-packages', '/v']);
    expect(virtualenvCommand('/v', { command: 'python3 -m venv', sitePackages: false, python: 'python3.11', interpreter: 'x' })).toHaveProperty('msg');
  });
});

describe('pip probe output', () => {
  it('reads the virtualenv, the pip command and the freeze', () => {
    expect(parsePipProbe('yes\x003\x00/usr/bin/python3\x00-m\x00pip.__main__\x00six==1.16.0\n')).toEqual({ venvExists: true, pip: ['/usr/bin/python3', '-m', 'pip.__main__'], freeze: 'six==1.16.0\n', freezeOk: true });
  });
  it('no pip, no freeze: a failed listing is not an empty one', () => {
    expect(parsePipProbe('no\x000\x00rc=1\n')).toEqual({ venvExists: false, pip: [], freeze: '', freezeOk: false });
  });
});
