import { randomInt } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { TsibleError } from '../../errors';
import { PyRandom } from '../filters/py-random';
import { shaCrypt } from '../filters/sha-crypt';
import { pyStr } from '../python';
import { CallContext, LookupFn } from '../scope';

/**
 * The `password` lookup: a random password kept in a file on the controller, created on first use
 * and read back afterwards, so a play gets the same password every run.
 */

const CHARSETS: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  whitespace: ' \t\n\r\x0b\x0c',
};
CHARSETS.printable = CHARSETS.digits + CHARSETS.ascii_letters + CHARSETS.punctuation + CHARSETS.whitespace;

const VALID = new Set(['length', 'encrypt', 'chars', 'ident', 'seed']);

interface Params {
  path: string;
  length: number;
  chars: string;
  encrypt?: string;
  /** Makes the generated password repeatable, drawn as Python's `random.Random(seed)` draws it. */
  seed?: string | number;
}

function charList(spec: unknown): string {
  let parts: string[];
  if (Array.isArray(spec)) parts = spec.map(pyStr);
  else {
    const s = pyStr(spec);
    parts = s.replace(/,,/g, ',').split(',').filter(Boolean);
    if (s.includes(',,')) parts.unshift(',');
  }
  return [...new Set(parts.map((p) => CHARSETS[p] ?? p).join(''))].join('');
}

function parseTerm(term: string, kw: Record<string, unknown>): Params {
  const [path, ...rest] = term.split(' ');
  const params: Record<string, unknown> = { ...kw };
  for (const pair of rest.filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new TsibleError('Unrecognized value after key=value parameters given to password lookup');
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const bad = Object.keys(params).filter((k) => !VALID.has(k));
  if (bad.length) throw new TsibleError(`Unrecognized parameter(s) given to password lookup: ${bad.join(', ')}`);
  return {
    path,
    length: params.length === undefined ? 20 : Number(params.length),
    chars: charList(params.chars ?? ['ascii_letters', 'digits', '.,:-_']),
    encrypt: params.encrypt === undefined || params.encrypt === null ? undefined : pyStr(params.encrypt),
    seed: params.seed === undefined || params.seed === null ? undefined : typeof params.seed === 'number' ? params.seed : pyStr(params.seed),
  };
}

function randomText(length: number, chars: string, seed?: string | number): string {
  const seeded = seed === undefined ? undefined : new PyRandom(seed);
  return Array.from({ length }, () => chars[seeded ? seeded.below(chars.length) : randomInt(chars.length)]).join('');
}

function passwordFor(p: Params, ctx: CallContext): string {
  // Like Ansible's path_dwim: relative to the playbook's directory, the last search path.
  const base = ctx.opts.searchPaths?.[ctx.opts.searchPaths.length - 1] ?? process.cwd();
  const file = isAbsolute(p.path) ? p.path : join(base, p.path);
  let content = file !== '/dev/null' && existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : undefined;
  if (content === undefined) {
    content = randomText(p.length, p.chars, p.seed);
    if (p.encrypt) content += ` salt=${randomText(16, CHARSETS.ascii_letters + CHARSETS.digits + './')}`;
    if (file !== '/dev/null') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, content + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  const saltAt = content.lastIndexOf(' salt=');
  const password = saltAt < 0 ? content : content.slice(0, saltAt);
  if (!p.encrypt) return password;
  const salt = saltAt < 0 ? randomText(16, CHARSETS.ascii_letters + CHARSETS.digits) : content.slice(saltAt + 6).split(' ident=')[0];
  const kind = p.encrypt.replace(/_crypt$/, '');
  if (kind !== 'sha512' && kind !== 'sha256') throw new TsibleError(`password lookup: encrypt=${p.encrypt} is not supported`);
  return shaCrypt(kind, password, salt);
}

export const passwordLookup: LookupFn = (terms, kw, ctx) => terms.map((t) => passwordFor(parseTerm(pyStr(t), kw), ctx));
