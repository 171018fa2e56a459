import { readdirSync } from 'fs';
import { basename, join } from 'path';
import { builtinModules } from '../../../modules';
import { compileSchema, validateArgs } from '../../../engine/module/validate';

const modulesDir = join(__dirname, '../../../modules');
const files = readdirSync(modulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

const testFiles = (readdirSync(join(__dirname, '../..'), { recursive: true }) as string[]).map((f) => basename(f));

describe('the module registry', () => {
  it('lists every module file, sorted', () => {
    expect(Object.keys(builtinModules)).toEqual([...files].sort());
  });

  describe.each(files)('%s', (file) => {
    it('is named as its file, with the FQCN aliases', async () => {
      const mod = await builtinModules[file]();
      expect(mod.name).toBe(file);
      expect(mod.aliases).toEqual([`ansible.builtin.${file}`, `ansible.legacy.${file}`]);
    });

    it('has a schema that compiles, every argument documented, and doc examples that validate', async () => {
      const mod = await builtinModules[file]();
      expect(() => compileSchema(mod)).not.toThrow();
      expect(mod.docs.short).toBeTruthy();
      expect(mod.docs.examples.length).toBeGreaterThan(0);
      const props = Object.keys((mod.schema as { properties: object }).properties);
      expect(Object.keys(mod.docs.args ?? {}).sort()).toEqual(props.sort());
      for (const example of mod.docs.examples) {
        expect({ example: example.title, problems: validateArgs(mod, example.args, { stage: 'run' }).problems }).toEqual({ example: example.title, problems: [] });
      }
    });

    it('has tests (a <name>.test.ts or <name>-*.test.ts anywhere under test/)', () => {
      const tests = testFiles.filter((f) => f === `${file}.test.ts` || (f.startsWith(`${file}-`) && f.endsWith('.test.ts')));
      expect({ file, tests: tests.length > 0 }).toEqual({ file, tests: true });
    });
  });
});
