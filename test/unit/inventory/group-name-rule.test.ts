import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadInventory } from '../../../engine/inventory';
import { applyGroupNameRule, GroupNameRule } from '../../../engine/inventory/group-name-rule';

const REPLACED = 'Invalid characters were found in group names and automatically replaced, use -vvvv to see details';
const KEPT = 'Invalid characters were found in group names but not replaced, use -vvvv to see details';

function load(files: Record<string, string>, rule: GroupNameRule) {
  const cwd = mkdtempSync(join(tmpdir(), 'tsible-group-names-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const warnings: string[] = [];
  const details: string[] = [];
  const inv = loadInventory(Object.keys(files), {
    cwd,
    groupNameRule: rule,
    onWarning: (w) => warnings.push(w),
    onVerbose: (level, message) => details.push(`${level}: ${message}`),
  });
  return { inv, warnings, details, groups: [...inv.groups.keys()] };
}

describe('TRANSFORM_INVALID_GROUP_CHARS', () => {
  test.each([
    ['never', ['all', 'ungrouped', 'local-'], [KEPT], ["4: Not replacing invalid character(s) \"{'-'}\" in group name (local-)"]],
    ['always', ['all', 'ungrouped', 'local_'], [REPLACED], ["4: Replacing invalid character(s) \"{'-'}\" in group name (local-)"]],
    ['ignore', ['all', 'ungrouped', 'local-'], [], []],
    ['silently', ['all', 'ungrouped', 'local_'], [], []],
  ] as const)('%s: an INI section keeps or loses its bad characters, with the warning Ansible gives', (rule, groups, warnings, details) => {
    const got = load({ 'hosts.ini': '[local-]\nh1\n[local-:vars]\nv=1\n' }, rule);
    expect(got.groups).toEqual(groups);
    expect(got.warnings).toEqual(warnings);
    // Ansible prints the detail each time it meets the name; what matters is which detail.
    expect([...new Set(got.details)]).toEqual(details);
    expect(got.inv.hostVars('h1').v).toBe(1);
  });

  test('YAML groups and their children are renamed, and their vars and hosts follow', () => {
    const got = load({ 'h.yml': 'all:\n  children:\n    db-x:\n      hosts: {h2: }\n      vars: {v: 1}\n      children:\n        sub.g:\n          hosts: {h3: }\n' }, 'always');
    expect(got.groups).toEqual(['all', 'ungrouped', 'db_x', 'sub_g']);
    expect(got.inv.groups.get('db_x')?.children).toEqual(['sub_g']);
    expect(got.inv.hostVars('h3').v).toBe(1);
  });

  test('an INI child named with bad characters is not renamed, so under always it names no group (as in Ansible)', () => {
    expect(() => load({ 'c.ini': '[web-a]\nh1\n[top:children]\nweb-a\n' }, 'always')).toThrow('Section [top:children] includes undefined group: web-a');
  });

  test('groups made while the play runs (add_host, group_by) follow the rule too', () => {
    const { inv, warnings } = load({ 'hosts.ini': 'h1\n' }, 'always');
    inv.addDynamicHost('h1', ['Not-Working'], {});
    inv.addDynamicGroup('h1', 'Debian-12', ['os-all']);
    expect([...inv.groups.keys()]).toEqual(['all', 'ungrouped', 'Not_Working', 'Debian_12', 'os_all']);
    expect(inv.groups.get('os_all')?.children).toEqual(['Debian_12']);
    expect(warnings).toEqual([REPLACED]);
  });

  test('a leading digit is invalid, a later one is not; Unicode letters are valid', () => {
    expect(applyGroupNameRule('1web', 'always').name).toBe('_web');
    expect(applyGroupNameRule('web1', 'always')).toEqual({ name: 'web1' });
    expect(applyGroupNameRule('épée', 'never')).toEqual({ name: 'épée' });
  });
});
