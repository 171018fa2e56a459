import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadInventory } from '../../../engine/inventory';

/** ANSIBLE_INVENTORY_UNPARSED_FAILED and ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED, as loadInventory takes them. */
describe('unparsed inventory sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-unparsed-'));
  mkdirSync(join(dir, 'inv', 'empty'), { recursive: true });
  writeFileSync(join(dir, 'inv', 'hosts'), 'h1\n');

  test('by default an unreadable source, or an empty directory, is a warning', () => {
    const warnings: string[] = [];
    const inv = loadInventory(['inv', 'nope'], { cwd: dir, onWarning: (w) => warnings.push(w.split(dir).join('<dir>')) });
    expect([...inv.hosts.keys()]).toEqual(['h1']);
    expect(warnings).toEqual(['Unable to parse <dir>/inv/empty as an inventory source', 'Unable to parse <dir>/nope as an inventory source']);
  });

  test('any_unparsed_is_failed stops at the first source nothing could read', () => {
    expect(() => loadInventory(['inv'], { cwd: dir, anyUnparsedFailed: true })).toThrow(`Completely failed to parse inventory source ${join(dir, 'inv', 'empty')}`);
  });

  test('unparsed_is_failed stops only when no source at all was read', () => {
    expect(() => loadInventory(['nope'], { cwd: dir, unparsedFailed: true })).toThrow('No inventory was parsed, please check your configuration and options.');
    expect(() => loadInventory(['nope', 'inv'], { cwd: dir, unparsedFailed: true })).not.toThrow();
  });
});
