import { join } from 'path';
import { loadInventory, parseLimit, splitHostPattern } from '../../../engine/inventory';
import { TsibleError } from '../../../engine/errors';
import { ansibleGetHosts, describeWithAnsible, FIXTURES } from './ansible-reference';

const dir = join(FIXTURES, 'patterns');

function load(warnings: string[] = []) {
  return loadInventory(['hosts.ini'], { cwd: dir, onWarning: (w) => warnings.push(w) });
}

/** Evaluate like Ansible: errors become `{ error }` so both sides can be compared case by case. */
function tsibleGetHosts(cases: { pattern: string; limit?: string }[]): unknown[] {
  const inv = load();
  return cases.map(({ pattern, limit }) => {
    try {
      return inv.getHosts(pattern, { limit: limit === undefined ? undefined : parseLimit(limit, dir) }).map((h) => h.name);
    } catch (err) {
      if (err instanceof TsibleError) return { error: err.message };
      throw err;
    }
  });
}

const cases: { pattern: string; limit?: string }[] = [
  { pattern: 'all' },
  { pattern: '*' },
  { pattern: 'web' },
  { pattern: 'prod' },
  { pattern: 'web*' },
  { pattern: '*.example.com' },
  { pattern: 'web0?.example.com' },
  { pattern: 'web0[!2].example.com' },
  { pattern: '~web0[12]' },
  { pattern: '~(?P<n>db)\\d' },
  { pattern: '~(?i)WEB0[12]' },
  { pattern: '~\\Aweb0\\d\\.example\\.com\\Z' },
  { pattern: '~db\\Z' },
  { pattern: 'web:db' },
  { pattern: 'db,web' },
  { pattern: 'db, staging ,solo' },
  { pattern: 'web:&staging' },
  { pattern: '&staging:web' },
  { pattern: 'prod:!db' },
  { pattern: '!db:prod' },
  { pattern: '!web' },
  { pattern: 'web:!db:&prod:staging' },
  { pattern: 'web[0]' },
  { pattern: 'web[-1]' },
  { pattern: 'web[1:2]' },
  { pattern: 'web[1:]' },
  { pattern: 'web[2:0]' },
  { pattern: 'web[9]' },
  { pattern: 'web*[0]' },
  { pattern: 'web[0]:db[-1]' },
  { pattern: 'ungrouped' },
  { pattern: 'ungrouped_like' },
  { pattern: 'solo' },
  { pattern: 'localhost' },
  { pattern: '127.0.0.1:web[0]' },
  { pattern: 'nosuch' },
  { pattern: 'nosuch:db' },
  { pattern: '' },
  { pattern: 'all', limit: 'web:!web02*' },
  { pattern: 'prod', limit: '@limit.txt' },
  { pattern: 'web', limit: 'db' },
  { pattern: 'all', limit: '!prod' },
];

describeWithAnsible('host patterns match what Ansible matches, in the same order', () => {
  test('every case', async () => {
    const expected = await ansibleGetHosts(dir, ['hosts.ini'], cases);
    const actual = tsibleGetHosts(cases);
    cases.forEach((c, i) => expect({ ...c, hosts: actual[i] }).toEqual({ ...c, hosts: expected[i] }));
  }, 30000);
});

describe('host patterns', () => {
  test('a colon separates patterns unless the whole is one address or range', () => {
    expect(splitHostPattern('web:&prod:!db')).toEqual(['web', '&prod', '!db']);
    expect(splitHostPattern('web[1:3]')).toEqual(['web[1:3]']);
    expect(splitHostPattern('::1')).toEqual(['::1']);
    expect(splitHostPattern(' a , b,, ')).toEqual(['a', 'b']);
    expect(splitHostPattern(['a:b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  test('a pattern that matches nothing warns and matches nothing', () => {
    const warnings: string[] = [];
    expect(load(warnings).getHosts('nosuch')).toEqual([]);
    expect(warnings).toContain('Could not match supplied host pattern, ignoring: nosuch');
  });

  test('all never includes the implicit localhost, localhost does', () => {
    const inv = load();
    expect(inv.getHosts('all').map((h) => h.name)).not.toContain('localhost');
    const [local] = inv.getHosts('localhost');
    expect(local.vars).toEqual({ ansible_python_interpreter: '/usr/bin/python3', ansible_connection: 'local' });
    expect(inv.getHost('localhost')).toBe(local);
  });

  test('a subscript past the end is an error naming the pattern', () => {
    expect(() => load().getHosts('web[9]')).toThrow("No hosts matched the subscripted pattern 'web[9]'");
  });

  test('--limit @file reads one pattern per line; a missing file is an error', () => {
    expect(parseLimit('@limit.txt,solo', dir)).toEqual(['web0*', 'db1', '', '', 'solo']);
    expect(() => parseLimit('@nope.txt', dir)).toThrow(`Unable to find limit file ${join(dir, 'nope.txt')}`);
    expect(() => parseLimit(`@${FIXTURES}`, dir)).toThrow('Limit starting with "@" must be a file, not a directory');
  });

  test('an empty list of patterns names no hosts', () => {
    expect(load().getHosts([])).toEqual([]);
  });

  test('a limit may also be given unsplit', () => {
    const inv = load();
    const names = (limit: string[]) => inv.getHosts('prod', { limit }).map((h) => h.name);
    expect(names(['web:!web02*'])).toEqual(names(parseLimit('web:!web02*', dir)));
    expect(names(['web:!web02*'])).toEqual(['web01.example.com', 'web03.example.com', 'web10.other.org']);
  });

  test('an invalid regex is a user error', () => {
    expect(() => load().getHosts('~web(')).toThrow('Invalid host list pattern: ~web(');
  });
});
