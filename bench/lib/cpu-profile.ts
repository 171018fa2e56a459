import { Session } from 'inspector';

/**
 * The controller's CPU time by where it is spent, from V8's sampling profiler run in this process:
 * each sample's innermost frame is put in the first category whose pattern its script path matches.
 */

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

const CATEGORIES: Array<[string, RegExp]> = [
  ['ssh protocol and crypto (ssh2)', /node_modules\/(ssh2|asn1|bcrypt-pbkdf|tweetnacl|cpu-features)\//],
  ['connection layer', /engine\/connection\//],
  ['templating (engine/template, nunjucks)', /engine\/template\/|node_modules\/nunjucks\//],
  ['variables', /engine\/vars\//],
  ['executor', /engine\/executor\//],
  ['modules', /\/modules\//],
  ['output', /engine\/output\//],
  ['playbook and inventory loading', /engine\/(playbook|inventory|config)\/|node_modules\/yaml\//],
  ['argument validation (ajv)', /engine\/module\/|node_modules\/(ajv|fast-uri|fast-deep-equal)\//],
];

const SPECIAL = new Map([
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'V8 and native code outside JavaScript'],
  ['(idle)', 'idle (waiting for hosts)'],
]);

export async function withCpuProfile<T>(run: () => Promise<T>): Promise<{ result: T; byCategory: Map<string, number> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  const result = await run();
  const { profile } = (await post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  return { result, byCategory: categorize(profile) };
}

/** Milliseconds per category, largest first. */
function categorize(profile: Profile): Map<string, number> {
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, hits);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const totals = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const category = SPECIAL.get(node.callFrame.functionName) ?? categoryOf(owner(node, parent, byId).callFrame.url);
    totals.set(category, (totals.get(category) ?? 0) + node.hitCount * msPerHit);
  }
  return new Map([...totals].sort((a, b) => b[1] - a[1]));
}

/**
 * The frame a sample is charged to: native work (a socket write, a signature, a cipher) and Node's
 * own library code go to the nearest caller of ours or of a dependency, which is what asked for it.
 */
function owner(node: ProfileNode, parent: Map<number, ProfileNode>, byId: Map<number, ProfileNode>): ProfileNode {
  for (let at: ProfileNode | undefined = node; at; at = parent.get(at.id)) {
    const url = at.callFrame.url;
    if (url && !url.startsWith('node:')) return byId.get(at.id) ?? at;
  }
  return node;
}

function categoryOf(url: string): string {
  if (!url || url.startsWith('node:')) return 'Node.js internals and native code';
  return CATEGORIES.find(([, re]) => re.test(url))?.[0] ?? 'other JavaScript';
}
