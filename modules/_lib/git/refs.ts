/** Refs as `git ls-remote` lists them: ref name → sha (a peeled tag keeps its `^{}` suffix). */
export type RemoteRefs = Map<string, string>;

export function parseLsRemote(text: string): RemoteRefs {
  const refs: RemoteRefs = new Map();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{7,64})\s+(\S+)$/.exec(line.trim());
    if (m) refs.set(m[2], m[1]);
  }
  return refs;
}

/** What `version` names on the remote; a sha (or anything unknown) is taken as given, as Ansible does. */
export type Resolved = { kind: 'branch' | 'tag' | 'head'; sha: string } | { kind: 'sha'; sha: string } | { kind: 'unknown' };

/**
 * The commit `version` points at on the remote. HEAD means the remote's HEAD when cloning, else the tip of the
 * branch checked out in `dest`; an annotated tag resolves to the commit it tags.
 */
export function resolveVersion(refs: RemoteRefs, version: string, headBranch: string | undefined): Resolved {
  if (version === 'HEAD') {
    const sha = headBranch === undefined ? refs.get('HEAD') : refs.get(`refs/heads/${headBranch}`);
    return sha ? { kind: 'head', sha } : { kind: 'unknown' };
  }
  const branch = refs.get(`refs/heads/${version}`);
  if (branch) return { kind: 'branch', sha: branch };
  const tag = refs.get(`refs/tags/${version}^{}`) ?? refs.get(`refs/tags/${version}`);
  if (tag) return { kind: 'tag', sha: tag };
  return { kind: 'sha', sha: version };
}

/** The remote URL as Ansible compares it: a local path becomes a file:// URL. */
export function normaliseRepo(repo: string): string {
  return repo.startsWith('/') ? `file://${repo}` : repo;
}
