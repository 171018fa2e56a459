import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * Runs template cases through real ansible-playbook in ONE run. Cases that should succeed become the
 * values of one `debug: msg=` dict (their variables renamed apart so they can share the task's vars);
 * cases that should fail get a task each. The JSON callback shows each value with its JSON type.
 */

export interface AnsibleCase {
  /** A task argument (default), a `when:` condition, or the text of a template file. */
  kind?: 'when' | 'file';
  template: string;
  vars?: Record<string, unknown>;
  /** Expected to fail: runs in a task of its own so it cannot hide the others' results. */
  error?: string;
}

export type AnsibleOutcome = { ok: true; value: unknown } | { ok: false; error: string };

export function ansibleAvailable(): boolean {
  return spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Renames whole-word variable names inside Jinja2 tags, outside quoted strings, not after a dot. */
function rename(text: string, names: Map<string, string>): string {
  if (names.size === 0) return text;
  const word = new RegExp(`(?<![.\\w])(${[...names.keys()].join('|')})(?!\\w)`, 'g');
  const inCode = (code: string) =>
    code
      .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(word, (n) => names.get(n) as string)))
      .join('');
  return text
    .split(/(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/)
    .map((part, i) => (i % 2 === 1 ? inCode(part) : part))
    .join('');
}

function renameValue(v: unknown, names: Map<string, string>): unknown {
  if (typeof v === 'string') return /\{\{|\{%/.test(v) ? rename(v, names) : v;
  if (Array.isArray(v)) return v.map((x) => renameValue(x, names));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renameValue(x, names)]));
  return v;
}

interface JsonTaskResult {
  msg?: unknown;
  failed?: boolean;
  skipped?: boolean;
}

function playbook(cases: AnsibleCase[]): { files: Record<string, string>; play: unknown[] } {
  const msg: Record<string, string> = {};
  const vars: Record<string, unknown> = {};
  const errorTasks: unknown[] = [];
  const files: Record<string, string> = {};
  cases.forEach((c, i) => {
    if (c.kind === 'when') {
      errorTasks.push({ name: `case ${i}`, 'ansible.builtin.debug': { msg: 'ran' }, when: c.template, vars: c.vars ?? {}, ignore_errors: true });
      return;
    }
    if (c.error !== undefined) {
      errorTasks.push({ name: `case ${i}`, 'ansible.builtin.debug': { msg: c.template }, vars: c.vars ?? {}, ignore_errors: true });
      return;
    }
    // A case naming a variable in quotes (lookup('vars', 'name'), vars['name']) keeps its names; the
    // table keeps those unique.
    const keys = Object.keys(c.vars ?? {});
    const quoted = keys.some((k) => c.template.includes(`'vars', '${k}'`) || c.template.includes(`vars['${k}']`));
    const names = new Map(quoted ? [] : keys.map((k) => [k, `c${i}_${k}`]));
    if (c.kind === 'file') {
      files[`c${i}.j2`] = rename(c.template, names);
      msg[`c${i}`] = `{{ lookup('template', 'c${i}.j2', convert_data=False) }}`;
    } else {
      msg[`c${i}`] = rename(c.template, names);
    }
    for (const [k, v] of Object.entries(c.vars ?? {})) vars[names.get(k) ?? k] = renameValue(v, names);
  });
  const values = { name: 'values', 'ansible.builtin.debug': { msg }, vars };
  return { files, play: [{ hosts: 'localhost', gather_facts: false, connection: 'local', tasks: [values, ...errorTasks] }] };
}

export function runInAnsible(cases: AnsibleCase[]): AnsibleOutcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-template-'));
  try {
    const file = join(dir, 'cases.yml');
    const { files, play } = playbook(cases);
    writeFileSync(file, JSON.stringify(play, null, 1));
    mkdirSync(join(dir, 'templates'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'templates', name), text);
    const out = execFileSync('ansible-playbook', ['-i', 'localhost,', file], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0' },
    });
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { plays: { tasks: { task: { name: string }; hosts: Record<string, JsonTaskResult> }[] }[] };
    const [values, ...errors] = report.plays[0].tasks;
    const byName = new Map(errors.map((t) => [t.task.name, t.hosts.localhost]));
    const msg = values.hosts.localhost.msg as Record<string, unknown>;
    return cases.map((c, i): AnsibleOutcome => {
      if (c.error === undefined && c.kind !== 'when') return { ok: true, value: msg[`c${i}`] };
      const r = byName.get(`case ${i}`);
      if (r?.failed) return { ok: false, error: String(r.msg) };
      return c.kind === 'when' ? { ok: true, value: !r?.skipped } : { ok: true, value: r?.msg };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
