/** Schema fragments shared by file-like modules, typed loosely so each module's JSONSchemaType accepts them. */

export const modeSchema = { type: ['string', 'integer'], nullable: true } as const;
export const optionalString = { type: 'string', nullable: true } as const;
/** Any JSON value, which JSONSchemaType cannot express for an `unknown` argument. */
export const anyValue = {} as never;
export const attrSchemas = { mode: modeSchema, owner: optionalString, group: optionalString } as const;
export const attrDocs = {
  mode: "Permissions: octal string ('0644'), YAML octal int (0644), or symbolic ('u=rw,g=r,o=r').",
  owner: 'User that should own the file (name or uid).',
  group: 'Group that should own the file (name or gid).',
};

/**
 * Arguments every Ansible file-like module takes that tsible accepts, so existing playbooks validate,
 * but does not apply: SELinux contexts, chattr attributes, unsafe_writes (writes are always atomic).
 */
export interface IgnoredFileArgs {
  attributes?: string;
  seuser?: string;
  serole?: string;
  setype?: string;
  selevel?: string;
  unsafe_writes?: boolean;
}

export const ignoredFileSchemas = {
  attributes: optionalString,
  seuser: optionalString,
  serole: optionalString,
  setype: optionalString,
  selevel: optionalString,
  unsafe_writes: { type: 'boolean', nullable: true },
} as const;

const notApplied = 'Accepted for compatibility with Ansible; not applied by tsible.';
export const ignoredFileDocs = {
  attributes: `chattr attributes. ${notApplied}`,
  seuser: `SELinux user. ${notApplied}`,
  serole: `SELinux role. ${notApplied}`,
  setype: `SELinux type. ${notApplied}`,
  selevel: `SELinux level. ${notApplied}`,
  unsafe_writes: `Allow non-atomic writes. ${notApplied} Writes are always atomic.`,
};
