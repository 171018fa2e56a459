import { stringify, Tags } from 'yaml';

/**
 * YAML as PyYAML's dump writes it for `ansible-inventory --yaml`: block style, keys sorted, sequences
 * flush with their key, and a value shared by several places written once with an `&id001` anchor.
 */
export function pyYamlDump(value: unknown): string {
  const text = stringify(sortKeys(value, new Map()), {
    version: '1.1',
    customTags: pyyamlResolvers,
    singleQuote: true,
    indentSeq: false,
    lineWidth: 0,
    anchorPrefix: ANCHOR,
  });
  const named = text.replace(new RegExp(`([&*])${ANCHOR}(\\d+)`, 'g'), (_m, sigil: string, n: string) => `${sigil}id${n.padStart(3, '0')}`);
  return flushAnchoredSequences(named.replace(/\n$/, '').split('\n')).join('\n');
}

const ANCHOR = 'tsibleanchor';

/**
 * Quote only what PyYAML would read back as another type: `y`/`n` and `1e3` (no dot) are plain strings
 * to PyYAML, as engine/playbook/yaml.ts reads them.
 */
function pyyamlResolvers(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || !('test' in tag) || !tag.test) return tag;
    if (tag.tag === 'tag:yaml.org,2002:bool') {
      const test = tag.test.test('true') ? /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/ : /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
      return { ...tag, test };
    }
    if (tag.tag === 'tag:yaml.org,2002:float' && tag.test.test('1e3')) return { ...tag, test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][-+][0-9]+$/ };
    return tag;
  }) as Tags;
}

/** Keys sorted at every level, keeping shared objects shared so they still become anchors. */
function sortKeys(value: unknown, done: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = done.get(value);
  if (known) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    done.set(value, out);
    out.push(...value.map((v) => sortKeys(v, done)));
    return out;
  }
  const out: Record<string, unknown> = {};
  done.set(value, out);
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key], done);
  return out;
}

/** The yaml library indents a sequence under `key: &anchor`; PyYAML keeps it flush with the key. */
function flushAnchoredSequences(lines: string[]): string[] {
  const out: string[] = [];
  let dedentBelow = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (dedentBelow >= 0 && indent > dedentBelow) {
      out.push(line.slice(2));
      continue;
    }
    dedentBelow = -1;
    out.push(line);
    const next = lines[out.length];
    if (/: &id\d{3}$/.test(line) && next?.startsWith(`${' '.repeat(indent + 2)}- `)) dedentBelow = indent;
  }
  return out;
}
