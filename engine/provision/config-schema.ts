/**
 * The JSON Schema of provision.yml. Defaults live in config.ts, where app_port from variable.yml is
 * known; this file only says what a user may write.
 */

const NAME = '^[A-Za-z0-9][A-Za-z0-9-]{0,62}$';

const ingressItem = {
  oneOf: [
    { type: 'integer', minimum: 1, maximum: 65535 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        protocol: { enum: ['tcp', 'udp'] },
        cidr: { type: 'string', pattern: '^[0-9a-fA-F.:]+/[0-9]{1,3}$' },
      },
    },
  ],
};

export const PROVISION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'ami', 'instance_type', 'key_name'],
  properties: {
    name: { type: 'string', pattern: NAME },
    region: { type: 'string', minLength: 1 },
    profile: { type: 'string', minLength: 1 },
    endpoint: { type: 'string', pattern: '^https?://' },
    ami: {
      oneOf: [
        { type: 'string', pattern: '^ami-[0-9a-f]+$' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'owner'],
          properties: { name: { type: 'string', minLength: 1 }, owner: { type: 'string', minLength: 1 } },
        },
      ],
    },
    instance_type: { type: 'string', pattern: '^[a-z0-9-]+\\.[a-z0-9]+$' },
    instance_count: { type: 'integer', minimum: 0, maximum: 100 },
    key_name: { type: 'string', minLength: 1 },
    tags: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    ingress: { type: 'array', items: ingressItem },
    subnet_id: { type: 'string', pattern: '^subnet-[0-9a-f]+$' },
    vpc_id: { type: 'string', pattern: '^vpc-[0-9a-f]+$' },
    inventory_group: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    inventory_file: { type: 'string', minLength: 1 },
    wait_timeout: { type: 'integer', minimum: 1 },
  },
} as const;

/** The keys provision.yml accepts, for "did you mean" hints. */
export const PROVISION_KEYS = Object.keys(PROVISION_SCHEMA.properties);
