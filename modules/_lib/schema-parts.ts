/** Schema fragments shared by file-like modules, typed loosely so each module's JSONSchemaType accepts them. */

export const modeSchema = { type: ['string', 'integer'], nullable: true } as const;
export const optionalString = { type: 'string', nullable: true } as const;
export const attrSchemas = { mode: modeSchema, owner: optionalString, group: optionalString } as const;
export const attrDocs = {
  mode: "Permissions: octal string ('0644'), YAML octal int (0644), or symbolic ('u=rw,g=r,o=r').",
  owner: 'User that should own the file (name or uid).',
  group: 'Group that should own the file (name or gid).',
};
