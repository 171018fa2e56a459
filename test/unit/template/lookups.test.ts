import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTemplar, stripUnsafe } from '../../../engine/template';
import { typeName } from '../../../engine/template/values';

const templar = createTemplar();
/** The text a lookup gives (lookup results are unsafe text: see unsafe-data.test.ts). */
const render = (...args: Parameters<typeof templar.template>): unknown => stripUnsafe(templar.template(...args));
const query = (...args: Parameters<typeof templar.query>): unknown => stripUnsafe(templar.query(...args));
let dir: string;
let role: string;
let play: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-lookups-'));
  role = join(dir, 'roles', 'web');
  play = join(dir, 'play');
  mkdirSync(join(role, 'files'), { recursive: true });
  mkdirSync(join(role, 'templates'), { recursive: true });
  mkdirSync(join(play, 'files'), { recursive: true });
  writeFileSync(join(role, 'files', 'motd'), 'from role\n\n');
  writeFileSync(join(play, 'files', 'motd'), 'from play\n');
  writeFileSync(join(play, 'files', 'a.conf'), 'a');
  writeFileSync(join(play, 'files', 'b.conf'), 'b');
  writeFileSync(join(role, 'templates', 'greet.j2'), 'hello {{ who }}{% if extra is defined %} {{ extra }}{% endif %}\n');
  writeFileSync(join(role, 'templates', 'page.j2'), '<{% include "part.j2" %}>\n');
  writeFileSync(join(role, 'templates', 'part.j2'), '{{ who | upper }}\n');
  writeFileSync(join(role, 'templates', 'macros.j2'), '{% macro kv(k, v) %}{{ k }}={{ v }}{% endmacro %}\n{% macro hi() %}hi{% endmacro %}\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts = () => ({ searchPaths: [role, play] });

describe('lookups find files like Ansible: role first, files/ or templates/ subdirectory first', () => {
  it('file reads the first match and strips trailing whitespace', () => {
    expect(render("{{ lookup('file', 'motd') }}", {}, opts())).toBe('from role');
    expect(render("{{ lookup('file', 'motd') }}", {}, { searchPaths: [play] })).toBe('from play');
  });

  it('file names the missing file', () => {
    expect(() => render("{{ lookup('file', 'nope.txt') }}", {}, opts())).toThrow('could not locate file in lookup: nope.txt');
  });

  it('template renders with the current variables and template_vars', () => {
    expect(render("{{ lookup('template', 'greet.j2') }}", { who: 'bob' }, opts())).toBe('hello bob\n');
    expect(render("{{ lookup('template', 'greet.j2', template_vars={'extra': '!'}) }}", { who: 'bob' }, opts())).toBe('hello bob !\n');
  });

  it('template with several files joins them with commas, as lookup() joins text; in native mode it stays text', () => {
    const src = "{{ lookup('template', 'greet.j2', 'greet.j2') }}";
    expect(render(src, { who: 'bob' }, opts())).toBe('hello bob\n,hello bob\n');
    const joined = createTemplar(undefined, { native: true }).template(src, { who: 'bob' }, opts());
    expect([typeName(joined), String(joined)]).toEqual(['NativeJinjaUnsafeText', 'hello bob\n,hello bob\n']);
  });

  it('template adds the variables Ansible gives template files', () => {
    writeFileSync(join(role, 'templates', 'managed.j2'), '# {{ ansible_managed }} ({{ template_path }}, {{ template_host is string }})');
    expect(render("{{ lookup('template', 'managed.j2') }}", {}, opts())).toBe('# Ansible managed (managed.j2, True)');
  });

  it('a template file can include another from the search path', () => {
    expect(templar.renderFile(readFileSync(join(role, 'templates', 'page.j2'), 'utf8'), { who: 'ann' }, opts())).toBe('<ANN>\n');
  });

  it('a template file can import macros from another', () => {
    const text = "{% import 'macros.j2' as m %}{% from 'macros.j2' import hi as hello %}{{ m.kv('a', 1) }} {{ hello() }}\n";
    expect(templar.renderFile(text, {}, opts())).toBe('a=1 hi\n');
  });

  it('fileglob and with_fileglob-style query list matching files', () => {
    expect(query('fileglob', ['*.conf'], {}, opts())).toEqual([join(play, 'files', 'a.conf'), join(play, 'files', 'b.conf')]);
    expect(render("{{ lookup('fileglob', '*.none') }}", {}, opts())).toEqual([]);
  });

  it('first_found returns the first existing candidate', () => {
    const found = query('first_found', [['missing.yml', 'motd']], {}, opts());
    expect(found).toEqual([join(role, 'files', 'motd')]);
    expect(() => query('first_found', [['x', 'y']], {}, opts())).toThrow('No file was found when using first_found.');
    expect(query('first_found', [{ files: ['x'], skip: true }], {}, opts())).toEqual([]);
  });

  it('pipe and lines run a command on the controller', () => {
    expect(render("{{ lookup('pipe', 'printf \"a\\nb\\n\"') }}", {}, opts())).toBe('a\nb');
    expect(query('lines', ['printf "a\\nb\\n"'], {})).toEqual(['a', 'b']);
  });

  it('inventory_hostnames resolves patterns against the groups variable', () => {
    const groups = { all: ['web1', 'web2', 'db1'], web: ['web1', 'web2'], db: ['db1'], ungrouped: [] };
    expect(query('inventory_hostnames', ['all:!db'], { groups })).toEqual(['web1', 'web2']);
    expect(query('inventory_hostnames', ['web:&all'], { groups })).toEqual(['web1', 'web2']);
    expect(query('inventory_hostnames', ['db,web1'], { groups })).toEqual(['db1', 'web1']);
    expect(query('inventory_hostnames', ['web*'], { groups })).toEqual(['web1', 'web2']);
    expect(query('inventory_hostnames', ['w?b[!1]'], { groups })).toEqual(['web2']);
  });

  it('items, list, vars, env and unknown lookups', () => {
    expect(query('items', [[1, 2], 3], {})).toEqual([1, 2, 3]);
    expect(render("{{ lookup('vars', 'v') }}", { v: '{{ 1 + 1 }}' })).toBe('2');
    expect(render("{{ lookup('env', 'HOME') }}", {})).toBe(process.env.HOME);
    expect(() => render("{{ lookup('nope', 'x') }}", {})).toThrow('lookup plugin (nope) not found');
  });
});

describe('password lookup keeps the password in a file', () => {
  it('creates the file (mode 0600) with length and chars, then reads it back', () => {
    const expr = "{{ lookup('password', 'creds/db length=12 chars=digits') }}";
    const first = render(expr, {}, { searchPaths: [play] });
    expect(first).toMatch(/^[0-9]{12}$/);
    const file = join(play, 'creds', 'db');
    expect(readFileSync(file, 'utf8')).toBe(`${first}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(render(expr, {}, { searchPaths: [play] })).toBe(first);
  });

  it('uses the default of 20 letters, digits and .,:-_', () => {
    const pw = render("{{ lookup('password', '/dev/null') }}", {});
    expect(pw).toMatch(/^[A-Za-z0-9.,:\-_]{20}$/);
  });
});

describe('csvfile', () => {
  beforeEach(() => {
    writeFileSync(join(play, 'files', 'people.csv'), 'name,age,city\nalice,30,"Paris, France"\n"bob ""b""",40,Oslo\n\n');
    writeFileSync(join(play, 'files', 'ansible.csv'), 'k\tv\n');
  });

  it('gives the column of the row whose first field is the key, in files/ of the search paths', () => {
    expect(render("{{ lookup('csvfile', 'alice file=people.csv delimiter=,') }}", {}, opts())).toBe('30');
    expect(render("{{ lookup('csvfile', 'alice file=people.csv delimiter=, col=2') }}", {}, opts())).toBe('Paris, France');
    expect(render("{{ lookup('csvfile', 'bob \"b\"', file='people.csv', delimiter=',') }}", {}, opts())).toBe('40');
  });

  it('reads ansible.csv with tabs by default, and gives the default (or nothing) for a missing key', () => {
    expect(render("{{ lookup('csvfile', 'k') }}", {}, opts())).toBe('v');
    expect(render("{{ lookup('csvfile', 'nobody file=people.csv delimiter=, default=none') }}", {}, opts())).toBe('none');
    expect(query('csvfile', ['nobody file=people.csv delimiter=,'], {}, opts())).toEqual([]);
  });

  it('names what is wrong: a missing file, an unknown option, a column past the row', () => {
    expect(() => render("{{ lookup('csvfile', 'x file=nope.csv') }}", {}, opts())).toThrow(/csvfile: \[Errno 2\] No such file or directory: 'nope.csv'/);
    expect(() => render("{{ lookup('csvfile', 'x colour=red') }}", {}, opts())).toThrow(/colour is not a valid option/);
    expect(() => render("{{ lookup('csvfile', 'alice file=people.csv delimiter=, col=9') }}", {}, opts())).toThrow(/list index out of range/);
  });
});

// Checked against ansible-playbook 2.14 by hand: the case table's runner renames variables, which a name search cannot survive.
describe('varnames', () => {
  it('lists the variables whose names match each regular expression, searched anywhere in the name', () => {
    const vars = { web_port: 1, web_host: 'x', db_port: 2 };
    expect(render("{{ lookup('varnames', '^web_.+') }}", vars)).toBe('web_port,web_host');
    expect(query('varnames', ['_port$'], vars)).toEqual(['web_port', 'db_port']);
    expect(query('varnames', ['^nothing'], vars)).toEqual([]);
  });
});

describe('vars and varnames refuse what cannot name a variable, with the messages Ansible gives', () => {
  it('names a term that is not a string and a pattern that is not a regular expression', () => {
    expect(() => render("{{ lookup('vars', 42) }}", {})).toThrow('Invalid setting identifier, "42" is not a string, its a <class \'int\'>');
    expect(() => render("{{ lookup('varnames', 42) }}", {})).toThrow('Invalid setting identifier, "42" is not a string, it is a <class \'int\'>');
    expect(() => render("{{ lookup('varnames', '*') }}", {})).toThrow('Unable to use "*" as a search parameter');
  });
});

// Checked against ansible-playbook 2.14 (its lookup_ini integration target passes the same way).
describe('ini', () => {
  beforeEach(() => {
    writeFileSync(join(play, 'files', 'ansible.ini'), '[global]\n# comment\nName=top\nmulti=a\n  b\n\n[other]\nv1=1\nv2=2\nx1=3\n');
    writeFileSync(join(play, 'files', 'dup.ini'), '[s]\nname=a\nNAME=b\n');
    writeFileSync(join(play, 'files', 'my.cnf'), '[mysqld]\nuser = mysql\nskip-innodb\n');
    writeFileSync(join(play, 'files', 'app.properties'), 'a.b = dotted\nkey: colon\n');
  });

  it('reads a key of a section, case-insensitively, with inline or keyword options', () => {
    expect(render("{{ lookup('ini', 'name') }}", {}, opts())).toBe('top');
    expect(render("{{ lookup('ini', 'multi') }}", {}, opts())).toBe('a\nb');
    expect(render("{{ lookup('ini', 'v2 section=other') }}", {}, opts())).toBe('2');
    expect(render("{{ lookup('ini', 'v[12]', section='other', re=True) }}", {}, opts())).toBe('1,2');
    expect(render("{{ lookup('ini', 'nope section=other default=dflt') }}", {}, opts())).toBe('dflt');
    expect(render("{{ lookup('ini', 'a.b type=properties file=app.properties') }}", {}, opts())).toBe('dotted');
    expect(render("{{ lookup('ini', 'NAME', file='dup.ini', section='s', case_sensitive=True) }}", {}, opts())).toBe('b');
    expect(render("{{ lookup('ini', 'user', file='my.cnf', section='mysqld', allow_no_value=True) }}", {}, opts())).toBe('mysql');
  });

  it("fails in Ansible's words: missing section, duplicate key, unknown option, no key", () => {
    expect(() => render("{{ lookup('ini', 'v1', section='missing') }}", {}, opts())).toThrow("No section 'missing' in ansible.ini");
    expect(() => render("{{ lookup('ini', 'name', file='dup.ini', section='s') }}", {}, opts())).toThrow("Duplicate option in 'dup.ini'");
    expect(() => render("{{ lookup('ini', 'invalid=option') }}", {}, opts())).toThrow('invalid is not a valid option.');
    expect(() => render("{{ lookup('ini', 'file=ansible.ini', 'v1') }}", {}, opts())).toThrow('No key to lookup was provided as first term with in string inline options: file=ansible.ini');
    expect(() => render("{{ lookup('ini', 'user', file='my.cnf', section='mysqld') }}", {}, opts())).toThrow('Source contains parsing errors');
    expect(() => render("{{ lookup('ini', 'x', file='none.ini') }}", {}, opts())).toThrow('could not locate file in lookup: none.ini');
  });
});
