import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { blockKeywords, handlerKeywords, playKeywords, taskKeywords, UNSUPPORTED_KEYWORDS } from './keywords';
import { loadPlaybook, PlaybookError } from './load';

const ROOT = join(__dirname, '..', '..');
const CASES = 'test/compat/cases';

/**
 * Every play, block, task and handler keyword tsible accepts, with a test where it does what Ansible's does
 * (a compat case compared with ansible-playbook, or a test file). A keyword must be here, in
 * UNSUPPORTED_KEYWORDS (a load error saying so) or in PENDING: none is accepted and ignored.
 */
const IMPLEMENTED: Record<string, string> = {
  action: `${CASES}/magic-vars-registered`,
  always: `${CASES}/block-rescue-always`,
  any_errors_fatal: `${CASES}/any-errors-fatal`,
  args: `${CASES}/command-argv-chdir`,
  async: `${CASES}/async-poll`,
  become: 'test/ssh/playbook-over-ssh.test.ts',
  become_flags: 'test/ssh/become.test.ts',
  become_user: 'test/security/connection-local-become.test.ts',
  block: `${CASES}/block-rescue-always`,
  changed_when: `${CASES}/changed-when-failed-when`,
  check_mode: `${CASES}/check-mode-keyword`,
  // Names resolve among the modules tsible has; one that only a listed collection has is an unknown-module error.
  collections: 'test/fixtures/playbooks/good/unusual.yml',
  delay: `${CASES}/until-attempts`,
  delegate_facts: `${CASES}/delegate-facts`,
  delegate_to: `${CASES}/delegate-facts`,
  diff: 'test/e2e/modules-system.test.ts',
  environment: `${CASES}/play-environment`,
  fact_path: `${CASES}/play-fact-path`,
  failed_when: `${CASES}/changed-when-failed-when`,
  force_handlers: `${CASES}/force-handlers-keyword`,
  gather_facts: `${CASES}/add-host-port`,
  gather_subset: `${CASES}/play-fact-path`,
  gather_timeout: 'test/compat/setup.test.ts',
  handlers: `${CASES}/handlers-basic`,
  hosts: `${CASES}/add-host-port`,
  ignore_errors: `${CASES}/assert-quiet-msgs`,
  ignore_unreachable: `${CASES}/ignore-unreachable`,
  listen: `${CASES}/handlers-listen-flush`,
  local_action: `${CASES}/local-action`,
  loop: `${CASES}/loop-basic`,
  loop_control: `${CASES}/loop-control-extended`,
  max_fail_percentage: `${CASES}/max-fail-percentage`,
  module_defaults: `${CASES}/module-defaults-timeout-throttle`,
  name: `${CASES}/block-nested-rescue`,
  no_log: `${CASES}/no-log`,
  notify: `${CASES}/handlers-basic`,
  order: `${CASES}/play-order`,
  poll: `${CASES}/async-poll`,
  post_tasks: `${CASES}/handlers-pre-post-tasks`,
  pre_tasks: `${CASES}/handlers-pre-post-tasks`,
  register: `${CASES}/assert-quiet-msgs`,
  rescue: `${CASES}/block-rescue-always`,
  retries: `${CASES}/until-attempts`,
  roles: `${CASES}/roles-basic`,
  run_once: `${CASES}/run-once`,
  serial: `${CASES}/serial-batches`,
  strategy: `${CASES}/strategy-free`,
  tags: `${CASES}/tags-select`,
  tasks: `${CASES}/add-host-port`,
  throttle: `${CASES}/module-defaults-timeout-throttle`,
  timeout: `${CASES}/module-defaults-timeout-throttle`,
  until: `${CASES}/until-attempts`,
  vars: `${CASES}/block-vars-environment`,
  vars_files: `${CASES}/vars-files-templated`,
  vars_prompt: 'test/e2e/vars-prompt.test.ts',
  when: `${CASES}/block-when-inherit`,
};

/**
 * Taken, and ignored or half-done until their work lands: the connection keywords wait for the task's
 * connection stage (issue 14), where become_method must also refuse a method other than sudo and su
 * instead of running sudo.
 */
const PENDING: Record<string, string> = {
  become_method: 'issue 14, connection stage',
  connection: 'issue 14, connection stage',
  port: 'issue 14, connection stage',
  remote_user: 'issue 14, connection stage',
};

const accepted = [...new Set([playKeywords, blockKeywords, taskKeywords, handlerKeywords].flatMap((k) => Object.keys(k)))].sort();

/** The text a reference holds: a file, or every file of a compat case directory. */
function textOf(reference: string): string {
  const path = join(ROOT, reference);
  if (!statSync(path).isDirectory()) return readFileSync(path, 'utf8');
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yml')).map((f) => readFileSync(join(path, f), 'utf8')).join('\n');
}

describe('no keyword is accepted and ignored', () => {
  test.each(accepted)('%s is implemented with a test, refused, or pending', (key) => {
    const implemented = IMPLEMENTED[key];
    expect([implemented !== undefined, key in UNSUPPORTED_KEYWORDS, key in PENDING].filter(Boolean)).toEqual([true]);
    if (implemented === undefined) return;
    expect(existsSync(join(ROOT, implemented))).toBe(true);
    expect(textOf(implemented)).toMatch(new RegExp(`\\b${key}\\b`));
  });

  test('every refused or pending keyword is one tsible takes', () => {
    expect([...Object.keys(UNSUPPORTED_KEYWORDS), ...Object.keys(PENDING)].filter((k) => !accepted.includes(k))).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsible-keywords-'));
  test.each([
    ['task', '  tasks:\n    - debug: msg=hi\n      KEY: VALUE\n'],
    ['block', '  tasks:\n    - block:\n        - debug: msg=hi\n      KEY: VALUE\n'],
    ['play', '  KEY: VALUE\n  tasks:\n    - debug: msg=hi\n'],
  ])('on a %s, each refused keyword is a load error naming it, at its line', (_where, body) => {
    for (const key of Object.keys(UNSUPPORTED_KEYWORDS)) {
      const file = join(dir, `${key}.yml`);
      writeFileSync(file, `- hosts: all\n${body.replace('KEY', key).replace('VALUE', 'on_failed')}`);
      try {
        loadPlaybook(file);
        throw new Error(`${key} was accepted`);
      } catch (err) {
        if (!(err instanceof PlaybookError)) throw err;
        expect(err.problems.map((p) => p.message)).toContain(`'${key}' is not supported by tsible: ${UNSUPPORTED_KEYWORDS[key].why}`);
        expect(err.problems[0].origin?.line).toBe(body.split('\n').findIndex((l) => l.includes('KEY')) + 2);
      }
    }
  });

  test('debugger: never asks for no debugger, and is taken', () => {
    const file = join(dir, 'never.yml');
    writeFileSync(file, '- hosts: all\n  debugger: never\n  tasks:\n    - debug: msg=hi\n      debugger: never\n');
    expect(loadPlaybook(file).plays).toHaveLength(1);
  });
});
