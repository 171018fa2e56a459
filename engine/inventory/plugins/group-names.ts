/**
 * Group names made by inventory plug-ins. Ansible forces its own sanitization on them whatever
 * TRANSFORM_INVALID_GROUP_CHARS says: a leading digit and every character that is not a letter,
 * digit or underscore (Unicode ones included, as Python's `\w`) become `_`.
 */
export function safeGroupName(name: string): string {
  return name.replace(/^\p{N}|[^\p{L}\p{N}_]/gu, '_');
}

/** The old ec2.py script's rule (use_contrib_script_compatible_sanitization): ASCII only, `-` kept. */
export function contribScriptGroupName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
