import { FilterFn } from '../scope';
import { collectionFilters } from './collections';
import { encodingFilters } from './encoding';
import { jinjaFilters } from './jinja';
import { mathFilters } from './math';
import { pathFilters } from './paths';
import { textFilters } from './text';
import { vaultFilters } from './vault';

/** Every filter by name. Ansible's filters win over Jinja2's built-ins of the same name, as in Ansible. */
export const FILTERS: Record<string, FilterFn> = {
  ...jinjaFilters,
  ...collectionFilters,
  ...encodingFilters,
  ...mathFilters,
  ...pathFilters,
  ...textFilters,
  ...vaultFilters,
};
