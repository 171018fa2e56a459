import { ConstructedOptions, KeyedGroup } from './constructed';
import { contribScriptGroupName, safeGroupName } from './group-names';
import { isDict, OptionReader } from './option-reader';

/** The options of Ansible's "constructed" documentation fragment, shared by inventory plug-ins. */
export const CONSTRUCTED_KEYS = ['compose', 'groups', 'keyed_groups', 'strict', 'leading_separator', 'use_extra_vars'] as const;

const KEYED_GROUP_KEYS = ['key', 'prefix', 'separator', 'parent_group', 'default_value', 'trailing_separator'];

export function readConstructed(reader: OptionReader, contribSanitization: boolean): ConstructedOptions {
  const compose = reader.expressions('compose');
  const groups = reader.expressions('groups');
  const composeNode = reader.doc.compose;
  const groupsNode = reader.doc.groups;
  return {
    compose,
    groups,
    keyedGroups: reader.list('keyed_groups').flatMap((entry, i) => keyedGroup(reader, entry, i)),
    strict: reader.bool('strict', false),
    leadingSeparator: reader.bool('leading_separator', true),
    sanitize: contribSanitization ? contribScriptGroupName : safeGroupName,
    origins: {
      compose: (key) => reader.at(composeNode, key),
      groups: (key) => reader.at(groupsNode, key),
    },
  };
}

function keyedGroup(reader: OptionReader, entry: unknown, index: number): KeyedGroup[] {
  const list = reader.doc.keyed_groups;
  const where = `keyed_groups[${index}]`;
  if (!isDict(entry)) {
    reader.problem(`${where}: each keyed group must be a mapping with a 'key'`, reader.at(list, index));
    return [];
  }
  const origin = reader.at(list, index);
  for (const key of Object.keys(entry)) {
    if (!KEYED_GROUP_KEYS.includes(key)) reader.problem(`${where}.${key}: unknown keyed group option (expected: ${KEYED_GROUP_KEYS.join(', ')})`, reader.at(entry, key, 'key'));
  }
  if (typeof entry.key !== 'string' || !entry.key.trim()) {
    reader.problem(`${where}: 'key' is required and must be an expression`, origin);
    return [];
  }
  if (entry.default_value !== undefined && entry.trailing_separator !== undefined) {
    reader.problem(`${where}: default_value and trailing_separator are mutually exclusive`, origin);
  }
  const text = (k: string): string | undefined => (entry[k] === undefined || entry[k] === null ? undefined : String(entry[k]));
  return [{
    key: entry.key,
    prefix: text('prefix'),
    separator: text('separator'),
    parent_group: text('parent_group'),
    default_value: text('default_value'),
    trailing_separator: entry.trailing_separator === undefined ? undefined : entry.trailing_separator !== false,
    origin,
  }];
}
