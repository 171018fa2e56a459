import { shouldRun } from '../../../engine/playbook/tags';

/** Ansible's special tags, case by case (the same rules --list-tasks is compared on with real Ansible). */
const cases: [string[], string[], string[], boolean][] = [
  // task tags, --tags, --skip-tags, runs
  [[], ['all'], [], true],
  [['never'], ['all'], [], false],
  [['never', 'debug'], ['debug'], [], true],
  [['always'], ['other'], [], true],
  [['always'], ['all'], ['always'], false],
  [['always'], ['all'], ['all'], true],
  [['x'], ['all'], ['all'], false],
  [[], ['untagged'], [], true],
  [['x'], ['untagged'], [], false],
  [['x'], ['tagged'], [], true],
  [[], ['tagged'], [], false],
  [['x'], ['all'], ['tagged'], false],
  [[], ['all'], ['tagged'], true],
];

test.each(cases)('tags %j with --tags %j --skip-tags %j runs: %s', (tags, only, skip, runs) => {
  expect(shouldRun(tags, { only, skip })).toBe(runs);
});
