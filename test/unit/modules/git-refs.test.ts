import git from '../../../modules/git';
import { cloneCommand, fetchCommand, gitEnv, GitArgs } from '../../../modules/_lib/git/commands';
import { parseGitProbe } from '../../../modules/_lib/git/probe';
import { normaliseRepo, parseLsRemote, resolveVersion } from '../../../modules/_lib/git/refs';
import { fakeHost, runOn, sections } from './system-fake';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const lsRemote = `${A}\tHEAD\n${A}\trefs/heads/main\n${B}\trefs/heads/dev\n${C}\trefs/tags/v1\n${B}\trefs/tags/v1^{}\n`;
const args = (a: Partial<GitArgs> = {}): GitArgs => ({
  repo: 'git://h/app.git', dest: '/srv/app', version: 'HEAD', remote: 'origin', force: false, clone: true, update: true, bare: false,
  single_branch: false, accept_hostkey: false, accept_newhostkey: false, ...a,
});

describe('git refs', () => {
  const refs = parseLsRemote(lsRemote);

  it('resolves HEAD, branches, annotated tags (to their commit) and shas', () => {
    expect(resolveVersion(refs, 'HEAD', undefined)).toEqual({ kind: 'head', sha: A });
    expect(resolveVersion(refs, 'HEAD', 'dev')).toEqual({ kind: 'head', sha: B });
    expect(resolveVersion(refs, 'dev', undefined)).toEqual({ kind: 'branch', sha: B });
    expect(resolveVersion(refs, 'v1', undefined)).toEqual({ kind: 'tag', sha: B });
    expect(resolveVersion(refs, '1234abc', undefined)).toEqual({ kind: 'sha', sha: '1234abc' });
    expect(resolveVersion(new Map(), 'HEAD', undefined)).toEqual({ kind: 'unknown' });
  });

  it('turns a path into a file:// URL', () => {
    expect(normaliseRepo('/srv/repo.git')).toBe('file:///srv/repo.git');
    expect(normaliseRepo('git://h/x')).toBe('git://h/x');
  });
});

describe('git commands', () => {
  it('builds GIT_SSH_COMMAND as Ansible does', () => {
    expect(gitEnv(args()).GIT_SSH_COMMAND).toBe('ssh -o BatchMode=yes');
    expect(gitEnv(args({ accept_hostkey: true, key_file: '/k' })).GIT_SSH_COMMAND).toBe('ssh -o StrictHostKeyChecking=no -o BatchMode=yes  -i /k -o IdentitiesOnly=yes');
  });

  it('narrows a shallow clone and fetch to the version', () => {
    const branch = { kind: 'branch', sha: B } as const;
    expect(cloneCommand('git', args({ depth: 1, version: 'dev' }), 'git://h/app.git', branch)).toEqual(['git', 'clone', '--origin', 'origin', '--depth', '1', '--branch', 'dev', 'git://h/app.git', '/srv/app']);
    expect(fetchCommand('git', args({ depth: 1, version: 'dev' }), branch, 'main')).toEqual(['git', 'fetch', '--depth', '1', 'origin', '+refs/heads/dev:refs/heads/dev', '+refs/heads/dev:refs/remotes/origin/dev']);
    expect(fetchCommand('git', args({ force: true }), branch, 'main')).toEqual(['git', 'fetch', '--tags', '--force', 'origin']);
  });
});

describe('module git on a fake host', () => {
  it('check mode on an existing checkout compares with the remote and runs nothing', async () => {
    const probe = sections({ bin_paths: '/usr/bin', 'bin:git': '/usr/bin/git', exists: 'yes', head: A, status: '', url: 'git://h/app.git', branch: 'main', ls_remote: `${lsRemote}rc=0` });
    const host = fakeHost([[/ls-remote/, { stdout: probe }]]);
    expect(await runOn(host, git, { repo: 'git://h/app.git', dest: '/srv/app', version: 'dev' }, true)).toEqual({ changed: true, before: A, after: B, remote_url_changed: false });
    expect(host.commands).toHaveLength(1);
  });

  it('fails on local modifications without force', async () => {
    const probe = sections({ bin_paths: '/usr/bin', 'bin:git': '/usr/bin/git', exists: 'yes', head: A, status: ' M app.txt', url: 'git://h/app.git', branch: 'main', ls_remote: `${lsRemote}rc=0` });
    const host = fakeHost([[/ls-remote/, { stdout: probe }]]);
    expect(await runOn(host, git, { repo: 'git://h/app.git', dest: '/srv/app' })).toEqual({ changed: false, failed: true, before: A, msg: 'Local modifications exist in the destination: /srv/app (force=no).' });
  });

  it("names a missing git as Ansible's get_bin_path does", () => {
    expect(parseGitProbe(sections({ bin_paths: '/usr/bin:/sbin', 'bin:git': '' }), 'git').missingBinary).toBe('Failed to find required executable "git" in paths: /usr/bin:/sbin');
  });
});
