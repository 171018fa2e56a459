import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';

/**
 * no_log: nothing a no_log task produces may show the secret, whatever the verbosity and the stdout
 * callback: results, retries, loop items and labels, include lines, module warnings, diffs, delegation,
 * handler notifications, template errors, and what a rescue sees of the failure.
 */

const SECRET = 'S3CRET-7f3a';
const CALLBACKS = ['default', 'json', 'minimal', 'oneline'];
const VERBOSITIES = [[], ['-v'], ['-vv'], ['-vvv'], ['-vvvv']];

/** A module that says its argument every way a module can: logs, result warnings, deprecations, diff. */
const LEAKY_MODULE = `
module.exports = {
  name: 'leaky', schema: { type: 'object', properties: { value: { type: 'string' } } }, supports: { checkMode: 'full', diff: true },
  async run(ctx, args) {
    ctx.log('warning', 'logged warning ' + args.value);
    ctx.log('verbose', 'logged verbose ' + args.value);
    ctx.log('debug', 'logged debug ' + args.value);
    return { changed: true, said: args.value, warnings: ['result warning ' + args.value], deprecations: [{ msg: 'deprecated ' + args.value, version: '9.9' }], diff: { before: '', after: args.value + '\\n' } };
  },
};
`;

interface Case {
  name: string;
  tasks: string;
  handlers?: string;
  files?: Record<string, string>;
  /** What the default callback at -vv prints when the case did run as meant. */
  shows: string;
  /** Lines that may hold the secret because a task without no_log shows them. */
  allowed?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'until/retries',
    tasks: `
    - name: retried
      command: echo {{ secret }}
      register: r
      until: r.rc == 5
      retries: 2
      delay: 0
      no_log: true
      ignore_errors: true`,
    shows: 'FAILED - RETRYING: [localhost]: retried (2 retries left).',
  },
  {
    name: 'loop items, labels and per-item retries',
    tasks: `
    - name: items
      debug: msg="{{ item }}"
      loop: ["{{ secret }}"]
      no_log: true
    - name: labels
      command: echo hi
      loop: [{pw: "{{ secret }}"}]
      loop_control: {label: "{{ item.pw }}"}
      no_log: true
    - name: per item
      command: echo {{ item }}
      loop: ["{{ secret }}"]
      register: r
      until: r.rc == 5
      retries: 1
      delay: 0
      no_log: true
      ignore_errors: true`,
    shows: '(item=None)',
  },
  {
    name: 'a failed task, ignored and not',
    tasks: `
    - name: ignored
      shell: echo {{ secret }}; echo {{ secret }} >&2; exit 3
      no_log: true
      ignore_errors: true
    - name: fatal
      command: cat /nonexistent/{{ secret }}
      no_log: true`,
    shows: '...ignoring',
  },
  {
    name: 'include_tasks with a loop and a missing file',
    tasks: `
    - name: missing
      include_tasks: "missing-{{ item }}.yml"
      loop: ["{{ secret }}"]
      no_log: true`,
    shows: 'fatal: [localhost]: FAILED!',
  },
  {
    name: 'include_tasks with a loop and a templated file name',
    files: { [`inc-${SECRET}.yml`]: '- name: included task\n  debug: msg=hello\n' },
    tasks: `
    - name: found
      include_tasks: "inc-{{ item }}.yml"
      loop: ["{{ secret }}"]
      no_log: true`,
    shows: 'included: (censored due to no_log) for localhost => (item=(censored due to no_log))',
    // The included task is not no_log: where it sits (task path, the json callback's path) is shown.
    allowed: new RegExp(`(task path: |"path": ").*/inc-${SECRET}\\.yml:1"?,?$`),
  },
  {
    name: 'errors from templating arguments, loops and conditions',
    tasks: `
    - name: lookup
      debug: msg="{{ lookup('file', secret) }}"
      no_log: true
      ignore_errors: true
    - name: loop
      debug: msg=x
      loop: "{{ lookup('file', secret, wantlist=True) }}"
      no_log: true
      ignore_errors: true
    - name: condition
      debug: msg=x
      when: lookup('file', secret)
      no_log: true
      ignore_errors: true`,
    shows: 'ignored=3',
  },
  {
    name: 'a keyword whose error stops the run (delegate_to, as in Ansible)',
    tasks: `
    - name: no_log that cannot be templated counts as set
      command: echo {{ secret }}
      no_log: "{{ lookup('file', secret) }}"
    - name: delegation
      command: echo hi
      delegate_to: "{{ lookup('file', secret) }}"
      no_log: true`,
    shows: "ERROR! the error has been hidden due to the fact that 'no_log: true' was specified for this task",
  },
  {
    name: 'a notify that cannot be templated',
    handlers: `
    - name: h
      debug: msg=h`,
    tasks: `
    - name: notifies
      command: echo hi
      notify: "{{ lookup('file', secret) }}"
      no_log: true`,
    shows: "ERROR! the error has been hidden due to the fact that 'no_log: true' was specified for this task",
  },
  {
    name: 'module warnings, deprecations and diff',
    files: { 'library/leaky.js': LEAKY_MODULE },
    tasks: `
    - name: once
      leaky: value={{ secret }}
      no_log: true
    - name: looped and retried
      leaky: value={{ item }}
      loop: ["{{ secret }}"]
      register: r
      until: r.said == 'never'
      retries: 1
      delay: 0
      no_log: true
      ignore_errors: true`,
    shows: 'changed: [localhost] => {"censored"',
  },
  {
    name: 'delegation',
    tasks: `
    - name: delegated
      command: echo {{ secret }}
      delegate_to: "{{ secret }}"
      vars: {ansible_connection: local, ansible_python_interpreter: /usr/bin/python3}
      no_log: true`,
    shows: '[localhost -> (censored due to no_log)]',
  },
  {
    name: 'handler notification and a no_log handler',
    handlers: `
    - listen: restart ${SECRET}
      debug: msg="{{ secret }}"
      no_log: true`,
    tasks: `
    - name: notifies
      command: echo hi
      notify: restart {{ secret }}
      no_log: true`,
    shows: 'NOTIFIED HANDLER (censored due to no_log) for localhost',
  },
  {
    name: 'a rescue that dumps ansible_failed_result',
    tasks: `
    - block:
        - name: fails
          shell: echo {{ secret }}; exit 3
          no_log: true
      rescue:
        - name: what failed
          debug: var=ansible_failed_result`,
    shows: 'rescued=1',
  },
];

function playbook(c: Case): string {
  return `- hosts: localhost
  gather_facts: false
  vars:
    secret: ${SECRET}
  handlers:${c.handlers ?? ' []'}
  tasks:${c.tasks}
`;
}

function workspace(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-no-log-'));
  writeFileSync(join(dir, 'inventory'), 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  writeFileSync(join(dir, 'playbook.yml'), playbook(c));
  for (const [name, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function tsible(dir: string, callback: string, extra: string[]): Promise<string> {
  let output = '';
  const io = {
    cwd: dir,
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: callback, ANSIBLE_NOCOLOR: '1' },
    stdout: (t: string) => void (output += t),
    stderr: (t: string) => void (output += t),
  };
  await main(['-i', 'inventory', 'playbook.yml', '--diff', ...extra], io);
  return output;
}

function leaks(output: string, allowed?: RegExp): string[] {
  return output.split('\n').filter((line) => line.includes(SECRET) && !allowed?.test(line));
}

describe('no_log hides the secret at every verbosity and in every stdout callback', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = workspace(c);
      try {
        const found: string[] = [];
        for (const callback of CALLBACKS) {
          for (const v of VERBOSITIES) {
            const output = await tsible(dir, callback, v);
            if (callback === 'default' && v[0] === '-vv') expect(output).toContain(c.shows);
            found.push(...leaks(output, c.allowed).map((line) => `${callback} ${v.join('') || '-'}: ${line}`));
          }
        }
        expect(found).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;

describe('a registered result is the real one, as in Ansible', () => {
  const registered: Case = {
    name: 'register then debug',
    tasks: `
    - name: hidden
      command: echo {{ secret }}
      register: r
      no_log: true
    - name: shown
      debug: var=r.stdout`,
    shows: '',
  };

  it('a later task without no_log prints what it was asked to', async () => {
    const dir = workspace(registered);
    try {
      const output = await tsible(dir, 'default', ['-v']);
      expect(leaks(output)).toEqual([`    "r.stdout": "${SECRET}"`]);
      if (hasAnsible) {
        const r = spawnSync('ansible-playbook', ['-i', 'inventory', 'playbook.yml', '-v'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' }, timeout: 120_000 });
        expect(leaks(r.stdout)).toEqual([`    "r.stdout": "${SECRET}"`]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
