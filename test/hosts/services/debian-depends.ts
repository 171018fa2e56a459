/** One `Depends` alternative of a Debian control file. */
interface Alternative {
  name: string;
  relation?: string;
  version?: string;
}

/** Splits `a (>= 1) | b, c:any` into clauses of alternatives, dropping `:any`-style architecture qualifiers. */
export function parseDepends(field: string): Alternative[][] {
  return field.split(',').map((s) => s.trim()).filter(Boolean).map((clause) =>
    clause.split('|').map((alt) => {
      const match = /^([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9-]+)?\s*(?:\(\s*([<>=]+)\s*([^)\s]+)\s*\))?$/.exec(alt.trim());
      if (!match) throw new Error(`cannot read the Depends alternative ${JSON.stringify(alt)}`);
      return { name: match[1], relation: match[2], version: match[3] };
    }));
}

/**
 * The Python library packages a package needs, as the first `python3-*` alternative of each clause. A clause
 * that the interpreter itself satisfies (`python3-importlib-metadata | python3 (>> 3.10)`) needs nothing: that
 * is how Debian spells upstream's `; python_version < "3.10"`.
 */
export function pythonDepends(field: string, pythonVersion: string): string[] {
  const out: string[] = [];
  for (const clause of parseDepends(field)) {
    if (clause.some((alt) => alt.name === 'python3' && alt.relation && satisfies(pythonVersion, alt))) continue;
    const library = clause.find((alt) => alt.name.startsWith('python3-'));
    if (library) out.push(library.name);
  }
  return out;
}

function satisfies(version: string, { relation, version: bound }: Alternative): boolean {
  const order = compareNumeric(version, bound ?? '');
  switch (relation) {
    case '>>': return order > 0;
    case '>=': return order >= 0;
    case '<<': return order < 0;
    case '<=': return order <= 0;
    default: return order === 0;
  }
}

/** Compares the leading dotted numbers only (`3.11~` → 3.11): enough for interpreter versions. */
function compareNumeric(a: string, b: string): number {
  const parts = (v: string) => (/^\d+(\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
