import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { findModule } from '../../../engine/module/registry';
import { runModule } from '../../../engine/module/run';
import { discoverUserModules } from '../../../engine/module/user-modules';

const greet = `
import { defineModule, ok } from 'tsible';
import { shout } from './helpers/shout';
interface Args { who: string }
export default defineModule<Args>({
  name: 'greet', aliases: [], supports: { checkMode: 'full', diff: false },
  docs: { short: 'Greets', examples: [{ args: { who: 'you' } }] },
  schema: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'], additionalProperties: false },
  async run(ctx, args) { return ok({ msg: shout('hello ' + args.who) + ' from ' + ctx.host }); },
});
`;
const copyOverride = `
module.exports = { name: 'copy', schema: { type: 'object' }, supports: { checkMode: 'full', diff: false }, async run() { return { changed: false, msg: 'mine' }; } };
`;

describe('user modules from library dirs', () => {
  let lib: string;
  let lib2: string;
  beforeAll(() => {
    lib = mkdtempSync(join(tmpdir(), 'tsible-lib-'));
    lib2 = mkdtempSync(join(tmpdir(), 'tsible-lib-'));
    writeFileSync(join(lib, 'greet.ts'), greet);
    mkdirSync(join(lib, 'helpers'));
    writeFileSync(join(lib, 'helpers', 'shout.ts'), 'export const shout = (s: string): string => s.toUpperCase();\n');
    writeFileSync(join(lib, 'copy.js'), copyOverride);
    writeFileSync(join(lib, 'misnamed.js'), copyOverride);
    writeFileSync(join(lib2, 'greet.js'), 'module.exports = {}');
  });
  afterAll(() => {
    rmSync(lib, { recursive: true, force: true });
    rmSync(lib2, { recursive: true, force: true });
  });

  it('loads a .ts module without a build step, with typed imports from tsible and relative helpers', async () => {
    const mods = discoverUserModules([lib, lib2]);
    const mod = await findModule('greet', mods)!();
    expect(await runModule(mod, { who: 'bob' }, { connection: new LocalConnection('web1') })).toEqual({ changed: false, msg: 'HELLO BOB from web1', invocation: { module_args: { who: 'bob' } } });
  });

  it('validates user module arguments like built-ins', async () => {
    const mod = await findModule('greet', discoverUserModules([lib]))!();
    await expect(runModule(mod, { whom: 'x' }, { connection: new LocalConnection() })).rejects.toThrow("greet: args.whom: unknown argument (expected: who). Did you mean 'who'?");
  });

  it('a user module wins over the built-in of the same name, also by FQCN', async () => {
    const mods = discoverUserModules([lib]);
    expect((await findModule('copy', mods)!()).schema).toEqual({ type: 'object' });
    expect((await findModule('ansible.builtin.copy', mods)!()).schema).toEqual({ type: 'object' });
  });

  it('refuses a module whose name differs from its file', async () => {
    await expect(discoverUserModules([lib]).get('misnamed')!()).rejects.toThrow("defines module 'copy'; a module's name must match its file name ('misnamed')");
  });

  it('reloads a changed file', async () => {
    const file = join(lib, 'greet.ts');
    writeFileSync(file, greet.replace("'hello '", "'hi '"));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const mod = await discoverUserModules([lib]).get('greet')!();
    expect((await runModule(mod, { who: 'x' }, { connection: new LocalConnection('h') })).msg).toBe('HI X from h');
  });
});
