import { wrap } from './result-view';

// Expected lines were produced by Python's textwrap.wrap(text, 79), which Ansible uses for warnings.
describe('wrap', () => {
  it.each([
    ['[WARNING]: Unable to parse /tmp/ci-check/test/fixtures/inventory/no-such-inventory as an inventory source', ['[WARNING]: Unable to parse /tmp/ci-check/test/fixtures/inventory/no-such-', 'inventory as an inventory source']],
    ['[WARNING]: Unable to parse /work/main/test/fixtures/inventory/no-such-inventory as an inventory source', ['[WARNING]: Unable to parse /work/main/test/fixtures/inventory/no-such-inventory', 'as an inventory source']],
    ["[WARNING]: provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'", ['[WARNING]: provided hosts list is empty, only localhost is available. Note that', "the implicit localhost does not match 'all'"]],
    [`${'x'.repeat(100)} y`, ['x'.repeat(79), `${'x'.repeat(21)} y`]],
  ])('wraps %j as Python does', (text, lines) => {
    expect(wrap(text, 79)).toEqual(lines);
  });
});
