import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { createControllerSide, findControllerFile } from '../../../engine/module/controller';
import { runModule } from '../../../engine/module/run';
import type { Templar } from '../../../engine/template/types';
import type { AnyModule } from '../../../engine/module/types';
import copy from '../../../modules/copy';
import template from '../../../modules/template';

const templar: Templar = {
  template: (v) => v,
  evaluateConditional: (expr, vars) => Boolean(vars[String(expr)]),
  isTemplated: () => false,
  renderFile: (text, vars) => text.replace(/\{\{ (\w+) \}\}/g, (_m, k: string) => String(vars[k])),
  query: () => [],
};

describe('the controller side of a task', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tsible-ctl-'));
    for (const d of ['role/files', 'role/templates', 'play/files']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'play/files/a.txt'), 'play');
    writeFileSync(join(root, 'role/files/a.txt'), 'role');
    writeFileSync(join(root, 'play/b.txt'), 'beside');
    writeFileSync(join(root, 'role/templates/t.j2'), 'host={{ host }}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("searches <base>/files then <base> for each base, role first, as Ansible does", () => {
    const bases = [join(root, 'role'), join(root, 'play')];
    expect(findControllerFile('a.txt', 'files', bases)).toBe(join(root, 'role/files/a.txt'));
    expect(findControllerFile('b.txt', 'files', bases)).toBe(join(root, 'play/b.txt'));
    expect(() => findControllerFile('nope', 'files', bases)).toThrow(`Could not find or access 'nope'\nSearched in:\n\t${join(root, 'role/files/nope')}`);
  });

  it('copy and template use it: files found, templates rendered with the task vars, misses reported', async () => {
    const vars = { host: 'web1' };
    const controller = createControllerSide({ searchPaths: [join(root, 'role'), join(root, 'play')], templar, vars });
    const run = (mod: AnyModule, args: object) => runModule(mod, args, { connection: new LocalConnection(), controller, vars });
    expect(await run(copy, { src: 'a.txt', dest: join(root, 'out1') })).toMatchObject({ changed: true, size: 4 });
    expect(await run(template, { src: 't.j2', dest: join(root, 'out2') })).toMatchObject({ changed: true, size: 10 });
    expect(await run(copy, { src: 'missing', dest: join(root, 'out3') })).toMatchObject({ failed: true, msg: expect.stringContaining("Could not find or access 'missing'") });
    expect(controller.evaluate('host')).toBe(true);
  });
});
