/**
 * Jinja2 templating as Ansible 2.14 does it. `createTemplar()` implements the {@link Templar} contract;
 * `OMIT` is the value `omit` renders to, which the executor drops from module arguments.
 */
export { createTemplar, isTemplated } from './templar';
export { OMIT } from './globals';
export type { Templar, TemplateOptions } from './types';
