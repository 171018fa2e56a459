/** Schema fragments shared by file-like modules, typed loosely so each module's JSONSchemaType accepts them. */

export const modeSchema = { type: ['string', 'integer'], nullable: true } as const;
export const optionalString = { type: 'string', nullable: true } as const;
/** Any JSON value, which JSONSchemaType cannot express for an `unknown` argument. */
export const anyValue = {} as never;
export const attrSchemas = {
  mode: modeSchema,
  owner: optionalString,
  group: optionalString,
  attributes: optionalString,
  unsafe_writes: { type: 'boolean', nullable: true },
} as const;
export const attrDocs = {
  mode: "Permissions: octal string ('0644'), YAML octal int (0644), or symbolic ('u=rw,g=r,o=r').",
  owner: 'User that should own the file (name or uid).',
  group: 'Group that should own the file (name or gid).',
  attributes: "chattr flags the file should have: '+i' adds, '-i' removes, 'i' (or '=i') is the exact set, as lsattr shows them.",
  unsafe_writes:
    'When the atomic replace fails (an immutable or read-only directory, a bind-mounted file), write the file in place instead. ' +
    'Unset: the ANSIBLE_UNSAFE_WRITES environment variable of the task on the host decides, as in Ansible.',
};

/**
 * Arguments every Ansible file-like module takes that tsible accepts, so existing playbooks validate,
 * but does not apply: SELinux contexts.
 */
export interface IgnoredFileArgs {
  seuser?: string;
  serole?: string;
  setype?: string;
  selevel?: string;
}

export const ignoredFileSchemas = {
  seuser: optionalString,
  serole: optionalString,
  setype: optionalString,
  selevel: optionalString,
} as const;

const notApplied = 'Accepted for compatibility with Ansible; not applied by tsible.';
export const ignoredFileDocs = {
  seuser: `SELinux user. ${notApplied}`,
  serole: `SELinux role. ${notApplied}`,
  setype: `SELinux type. ${notApplied}`,
  selevel: `SELinux level. ${notApplied}`,
};
