import { createTemplar } from '../../../engine/template';

/**
 * A template that would build something enormous stops with an error saying what and how big, before
 * the memory is taken (a V8 out-of-memory abort would end the whole run).
 */

const templar = createTemplar();
const render = (template: string, vars: Record<string, unknown> = {}) => templar.template(template, vars, { preserveTypes: true });

describe('size limits', () => {
  it.each([
    ["{{ 'x' * 10**10 }}", 'the repeated string would be 10,000,000,000 characters long'],
    ["{{ 10**10 * 'x' }}", 'the repeated string would be 10,000,000,000 characters long'],
    ['{{ [1] * 10**9 }}', 'the repeated list would hold 1,000,000,000 values'],
    ['{{ range(10**9) | list }}', 'Range too big'],
    ["{{ (['x' * 10**7] * 20) | join }}", 'the joined string would be 200,000,000 characters long'],
    ["{{ ('x' * 10**8) ~ ('x' * 10**8) }}", 'the joined string would be 200,000,000 characters long'],
    ['{{ [[0] * 10] * 10**6 }}', 'the repeated list would hold 11,000,000 values'],
    ['{{ range(100) | permutations(5) | list }}', 'the permutations would hold'],
    ['{{ range(1000) | product(range(1000), range(1000)) | list }}', 'the product would hold'],
  ])('%s fails: %s', (template, message) => {
    expect(() => render(template)).toThrow(message);
  });

  it('a list nested by repetition (a billion laughs) is counted as it would print', () => {
    const l0 = render("{{ ['lol'] * 1000 }}");
    const l1 = render('{{ [l0] * 100 }}', { l0 });
    expect(() => render('{{ [l1] * 100 }}', { l1 })).toThrow('the repeated list would hold 10,010,100 values');
    expect(() => render(`{{ [${Array(100).fill('l1').join(', ')}] }}`, { l1 })).toThrow('the list would hold 10,010,101 values');
  });

  it('ordinary sizes are fine', () => {
    expect(render("{{ ('=' * 80) | length }}")).toBe('80');
    expect(render('{{ ([0] * 1000) | length }}')).toBe('1000');
    expect(render("{{ (['ab'] * 3) | join('-') }}")).toBe('ab-ab-ab');
    expect(render('{{ [1, 2] | product([3, 4]) | list | length }}')).toBe('4');
  });
});
