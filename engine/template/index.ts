/**
 * Jinja2 templating as Ansible 2.14 does it. `createTemplar()` implements the {@link Templar} contract;
 * `OMIT` is the value `omit` renders to, which the executor drops from module arguments;
 * `VALUES_ARE_TEMPLATED` marks a variables object whose values are already templated when read;
 * `ansibleTemplateVars()` gives the variables Ansible adds when rendering a template file.
 */
export { createTemplar } from './templar';
export { isTemplated } from './native';
export { OMIT } from './globals';
export { VALUES_ARE_TEMPLATED } from './session';
export { markUnsafe, stripUnsafe } from './unsafe';
export { ansibleTemplateVars } from './template-vars';
export type { Templar, TemplateOptions } from './types';
