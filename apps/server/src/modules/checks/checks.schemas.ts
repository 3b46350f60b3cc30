import { Type } from '@fastify/type-provider-typebox';
import { DateTime, SeveritySchema, Uuid } from '../findings/common.schemas.ts';

export const CheckIdParam = Type.Object(
  { checkId: Type.String({ pattern: '^[a-z0-9_]{1,128}$', maxLength: 128, description: 'A check id, e.g. s3_bucket_default_encryption.' }) },
  { additionalProperties: false },
);

export const Remediation = Type.Object(
  {
    recommendation: Type.String({ minLength: 1, maxLength: 2000 }),
    cli: Type.Optional(Type.String({ maxLength: 4000 })),
    terraform: Type.Optional(Type.String({ maxLength: 8000 })),
    cloudformation: Type.Optional(Type.String({ maxLength: 8000 })),
    console: Type.Optional(Type.String({ maxLength: 2000 })),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/**
 * A rule of the condition language (see modules/checks/rules.ts). Its structure is
 * checked by `validateRule`, which names the exact place of each problem; the schema
 * only bounds it.
 */
export const Rule = Type.Unsafe<unknown>({
  type: 'object',
  maxProperties: 3,
  description:
    'A condition: {"all": [c…]}, {"any": [c…]}, {"not": c}, or {"path": "a.b.0.c", <op>: value} with op one of ' +
    'equals, in, exists, regex (+ optional flags), lt, lte, gt, gte. The first path segment is the attribute read.',
  examples: [{ all: [{ path: 'encryption.enabled', equals: true }, { path: 'retentionDays', gte: 30 }] }],
});

export const CheckSchema = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  service: Type.String(),
  title: Type.String(),
  severity: SeveritySchema,
  defaultSeverity: SeveritySchema,
  resourceType: Type.String(),
  categories: Type.Array(Type.String()),
  description: Type.String(),
  risk: Type.String(),
  remediation: Remediation,
  requires: Type.Array(Type.String()),
  compliance: Type.Record(Type.String(), Type.Array(Type.String())),
  source: Type.Union([Type.Literal('builtin'), Type.Literal('custom')]),
  disabled: Type.Boolean({ description: 'Disabled by an override, or a custom check saved with enabled false.' }),
  custom: Type.Optional(
    Type.Object({ id: Uuid, rule: Type.Unknown(), enabled: Type.Boolean(), createdAt: DateTime, updatedAt: DateTime }),
  ),
});

export const ListChecksQuery = Type.Object(
  {
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    severity: Type.Optional(Type.Array(SeveritySchema, { maxItems: 5 })),
    compliance: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'A framework id: only checks it maps.' })),
    source: Type.Optional(Type.Union([Type.Literal('builtin'), Type.Literal('custom')])),
  },
  { additionalProperties: false },
);

export const OverrideBody = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean()),
    severity: Type.Optional(Type.Union([SeveritySchema, Type.Null()], { description: 'null restores the default severity.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const customFields = {
  service: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
  title: Type.String({ minLength: 1, maxLength: 150 }),
  severity: SeveritySchema,
  resourceType: Type.String({ pattern: '^[A-Za-z0-9]{1,128}$', description: 'The resource type the rule applies to, e.g. AwsS3Bucket.' }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  risk: Type.String({ minLength: 1, maxLength: 2000 }),
  remediation: Remediation,
  rule: Rule,
  enabled: Type.Optional(Type.Boolean({ default: true })),
};

export const CreateCustomCheckBody = Type.Object(
  { checkId: Type.String({ pattern: '^[a-z0-9_]{1,128}$', description: 'Stable id; must start with custom_.' }), ...customFields },
  { additionalProperties: false },
);

export const UpdateCustomCheckBody = Type.Object(
  {
    service: Type.Optional(customFields.service),
    title: Type.Optional(customFields.title),
    severity: Type.Optional(SeveritySchema),
    resourceType: Type.Optional(customFields.resourceType),
    description: Type.Optional(customFields.description),
    risk: Type.Optional(customFields.risk),
    remediation: Type.Optional(Remediation),
    rule: Type.Optional(Rule),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
