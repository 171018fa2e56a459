import type { AnyModule } from '../engine/module/types';

/** Built-in modules by name, sorted; each is imported only when a task first uses it. */
export const builtinModules: Record<string, () => Promise<AnyModule>> = {
  blockinfile: () => import('./blockinfile').then((m) => m.default),
  command: () => import('./command').then((m) => m.default),
  copy: () => import('./copy').then((m) => m.default),
  file: () => import('./file').then((m) => m.default),
  lineinfile: () => import('./lineinfile').then((m) => m.default),
  raw: () => import('./raw').then((m) => m.default),
  replace: () => import('./replace').then((m) => m.default),
  script: () => import('./script').then((m) => m.default),
  shell: () => import('./shell').then((m) => m.default),
};
