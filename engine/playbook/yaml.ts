import { readFileSync } from 'fs';
import { Document, isAlias, Tags, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Node, Scalar } from 'yaml';
import { ExitCode, Origin, TsibleError } from '../errors';
import { pythonJsonError } from './json-error';
import { EncryptedText, runVault, unvaultText } from '../vault/vault';

/**
 * YAML as Ansible reads it: YAML 1.1 (yes/no/on/off booleans, 0644 octal), merge keys, duplicate keys
 * allowed (last wins), and the position of every mapping, sequence, key and value kept beside the plain
 * JavaScript value so later stages can name file:line:column without carrying YAML nodes around.
 */

interface Positions {
  self: Origin;
  /** For a mapping: where each key starts. */
  keys: Map<string, Origin>;
  /** Where each value starts, by key (mapping) or index (sequence). */
  values: Map<string | number, Origin>;
  /** For a mapping: keys written as something else than a string (`1234:`, `true:`), with their YAML type. */
  keyTypes?: Map<string, string>;
}

const positions = new WeakMap<object, Positions>();

/** Where an object or array loaded from YAML starts, or where one of its keys / items / values starts. */
export function originOf(node: unknown, key?: string | number, which: 'key' | 'value' = 'key'): Origin | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const p = positions.get(node);
  if (!p) return undefined;
  if (key === undefined) return p.self;
  if (typeof key === 'string' && which === 'key') return p.keys.get(key) ?? p.values.get(key) ?? p.self;
  return p.values.get(key) ?? p.self;
}

/** Whether a mapping's key was written as a string in YAML (not `1234:` or `1.5:`), as Ansible sometimes requires. */
export function keyWasString(node: unknown, key: string): boolean {
  if (node === null || typeof node !== 'object') return true;
  return !positions.get(node)?.keyTypes?.has(key);
}

/** Give a derived object the same origin as the one it was made from (e.g. a normalised task). */
export function copyOrigin<T extends object>(from: unknown, to: T): T {
  if (from !== null && typeof from === 'object') {
    const p = positions.get(from);
    if (p) positions.set(to, p);
  }
  return to;
}

/** Record an origin for an object built in code (used for synthetic tasks such as `-m` ad-hoc ones). */
export function setOrigin<T extends object>(obj: T, origin: Origin): T {
  positions.set(obj, { self: origin, keys: new Map(), values: new Map() });
  return obj;
}

export interface LoadOptions {
  /** Several documents (`---`) are an error unless this is set; then an array of documents is returned. */
  multi?: boolean;
  /** Told of what loads but is probably a mistake (a key given twice); such things are silent without it. */
  onWarning?: (message: string) => void;
  /** A key given twice in a mapping: warned about (default), an error, or let be (the last one wins). */
  duplicateKeys?: 'warn' | 'error' | 'ignore';
}

export function parseYaml(text: string, file: string, opts: LoadOptions = {}): unknown {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    lineCounter,
    prettyErrors: false,
    customTags: pyyamlTags,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const at = (offset: number): Origin => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  for (const doc of list) {
    const problem = doc.errors[0];
    if (problem) {
      throw new TsibleError(yamlProblem(text, firstLine(problem.message)), {
        origin: at(problem.pos[0]),
        exitCode: ExitCode.parserError,
      });
    }
  }
  const values = list.map((doc) => new Converter(doc, at, opts).convert(doc.contents));
  if (opts.multi) return values;
  if (values.length > 1) {
    throw new TsibleError('expected a single YAML document, found several', {
      origin: at(list[1].range[0]),
      exitCode: ExitCode.parserError,
    });
  }
  return values[0] ?? null;
}

/** A YAML file, decrypted first when ansible-vault encrypted it whole. */
export function loadYamlFile(file: string, opts: LoadOptions = {}): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TsibleError(`Unable to read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseYaml(unvaultText(text, file), file, opts);
}

/**
 * Ansible reads a file as JSON first, then as YAML, and names both failures; tsible does too when the text
 * looks like JSON (it starts with `{` or `[`), where the JSON error is the one that helps.
 */
function yamlProblem(text: string, yamlMessage: string): string {
  const json = /^\s*[{[]/.test(text) ? pythonJsonError(text) : undefined;
  if (!json) return `Syntax Error while loading YAML: ${yamlMessage}`;
  return `We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: ${json}\n\nSyntax Error while loading YAML.\n  ${yamlMessage}`;
}

/** The yaml library's message without its own position and excerpt, which the error printer adds. */
function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** `!unsafe` marks a string that must never be templated; it loads as an {@link UnsafeText}. */
export class UnsafeText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

function unsafeInside(node: unknown): unknown {
  if (isScalar(node) && typeof node.value === 'string') node.value = new UnsafeText(node.value);
  else if (isSeq(node)) node.items.forEach(unsafeInside);
  else if (isMap(node)) for (const pair of node.items) unsafeInside(pair.value);
  return node;
}

const extraTags = [
  {
    tag: '!unsafe',
    resolve: (str: string) => new UnsafeText(str),
    identify: (v: unknown) => v instanceof UnsafeText,
  },
  // On a list or mapping, as in Ansible, every string inside is unsafe.
  { tag: '!unsafe', collection: 'seq', resolve: (seq: Node) => unsafeInside(seq) },
  { tag: '!unsafe', collection: 'map', resolve: (map: Node) => unsafeInside(map) },
  // Known so that the converter can decrypt it, naming the value's position when it cannot (Converter.convert).
  { tag: '!vault', resolve: (str: string) => str },
];

/**
 * PyYAML's YAML 1.1 differs from the yaml library's in ways playbooks notice: `y`/`n` stay strings,
 * `1e3` (no dot), `.` and `-.5` (a sign before a leading dot) stay strings, and timestamps stay strings
 * (they print as written).
 */
function pyyamlTags(tags: Tags): Tags {
  const adjusted: Tags = [];
  for (const tag of tags) {
    if (typeof tag !== 'object' || !('tag' in tag)) {
      adjusted.push(tag);
      continue;
    }
    const test = (tag as { test?: RegExp }).test;
    if (tag.tag === 'tag:yaml.org,2002:timestamp') continue;
    if (tag.tag === 'tag:yaml.org,2002:bool' && test) {
      const truthy = test.test('true');
      adjusted.push({ ...tag, test: truthy ? /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/ : /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/ } as typeof tag);
      continue;
    }
    if (tag.tag === 'tag:yaml.org,2002:float' && test?.test('1e3')) {
      adjusted.push({ ...tag, test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)[eE][-+][0-9]+$/ } as typeof tag);
      continue;
    }
    if (tag.tag === 'tag:yaml.org,2002:float' && test?.test('.')) {
      adjusted.push({ ...tag, test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/ } as typeof tag);
      continue;
    }
    adjusted.push(tag);
  }
  return [...adjusted, ...(extraTags as Tags)];
}

class Converter {
  private readonly seen = new Map<Node, unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number) => Origin,
    private readonly opts: LoadOptions = {},
  ) {}

  convert(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convert(node.resolve(this.doc));
    if (isScalar(node) && node.tag === '!vault') {
      // Decrypted as it is loaded (used as it reads, the value would be its ciphertext); a value no secret
      // opens fails where it is used, as in Ansible, where the unvault filter can still open it.
      const origin = this.origin(node);
      try {
        return runVault().decryptText(String(node.value), { origin });
      } catch (err) {
        if (err instanceof TsibleError) return new EncryptedText(String(node.value), origin);
        throw err;
      }
    }
    if (isScalar(node)) return scalarValue(node);
    if (isMap(node) || isSeq(node)) {
      const cached = this.seen.get(node);
      if (cached !== undefined) return cached;
      return isMap(node) ? this.convertMap(node) : this.convertSeq(node);
    }
    return (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
  }

  private duplicate(key: string, mapping: Origin, at: Origin): void {
    const { duplicateKeys = 'warn', onWarning } = this.opts;
    const { file, line, column } = mapping;
    const what = `While constructing a mapping from ${file}, line ${line}, column ${column}, found a duplicate dict key (${key}).`;
    if (duplicateKeys === 'error') throw new TsibleError(`Syntax Error while loading YAML: ${what}`, { origin: at, exitCode: ExitCode.parserError, hint: 'give each key once, or set duplicate_dict_key = warn' });
    if (duplicateKeys === 'warn') onWarning?.(`${what} Using last defined value only.`);
  }

  private origin(node: unknown): Origin {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return this.at(range ? range[0] : 0);
  }

  private convertSeq(node: import('yaml').YAMLSeq): unknown[] {
    const out: unknown[] = [];
    this.seen.set(node, out);
    const pos: Positions = { self: this.origin(node), keys: new Map(), values: new Map() };
    node.items.forEach((item, i) => {
      pos.values.set(i, this.origin(item));
      out.push(this.convert(item));
    });
    positions.set(out, pos);
    return out;
  }

  private convertMap(node: import('yaml').YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.seen.set(node, out);
    const pos: Positions = { self: this.origin(node), keys: new Map(), values: new Map() };
    const merged: Record<string, unknown>[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol' && keyNode.source === '<<') {
        const src = this.convert(pair.value);
        for (const m of Array.isArray(src) ? src : [src]) if (m && typeof m === 'object') merged.push(m as Record<string, unknown>);
        continue;
      }
      if (isMap(keyNode) || isSeq(keyNode)) throw unhashableKey(keyNode, this.origin(keyNode));
      const rawKey = this.convert(keyNode);
      const key = keyString(rawKey);
      if (rawKey !== null && typeof rawKey !== 'string') (pos.keyTypes ??= new Map()).set(key, typeof rawKey);
      if (Object.prototype.hasOwnProperty.call(out, key)) this.duplicate(key, pos.self, this.origin(keyNode));
      pos.keys.set(key, this.origin(keyNode));
      pos.values.set(key, pair.value ? this.origin(pair.value) : this.origin(keyNode));
      setOwn(out, key, this.convert(pair.value));
    }
    // Explicit keys win over merged ones, and earlier merge sources over later ones, as YAML specifies.
    for (const m of merged) {
      for (const [k, v] of Object.entries(m)) if (!Object.prototype.hasOwnProperty.call(out, k)) setOwn(out, k, v);
    }
    positions.set(out, pos);
    return out;
  }
}

/** A key such as `__proto__` is an ordinary key in YAML, as in Python; plain assignment would change the prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Python cannot use a mapping or a list as a key, so PyYAML refuses them; the usual cause is a template written
 * without quotes (`msg: {{ x }}` is a mapping whose key is the mapping `{ x }`), which is worth saying.
 */
function unhashableKey(keyNode: Node, origin: Origin): TsibleError {
  return new TsibleError(`Syntax Error while loading YAML: found unacceptable key (unhashable type: '${isMap(keyNode) ? 'dict' : 'list'}')`, {
    origin,
    exitCode: ExitCode.parserError,
    hint: isMap(keyNode) ? 'This looks like a template expression without quotes: a value that starts with "{{" must be quoted, e.g. msg: "{{ x }}".' : undefined,
  });
}

function scalarValue(node: Scalar): unknown {
  const v = node.value;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

function keyString(key: unknown): string {
  if (key === null || key === undefined) return 'null';
  if (typeof key === 'object') return JSON.stringify(key);
  return String(key);
}
