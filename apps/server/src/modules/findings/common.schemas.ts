import { Type } from '@fastify/type-provider-typebox';

/** Schemas shared by the findings, resources, checks, compliance and overview routes. */

export const Uuid = Type.String({ format: 'uuid', maxLength: 36, description: 'A Vigil id (UUID).' });
export const SeveritySchema = Type.Union([
  Type.Literal('critical'),
  Type.Literal('high'),
  Type.Literal('medium'),
  Type.Literal('low'),
  Type.Literal('informational'),
]);
export const StatusSchema = Type.Union([Type.Literal('PASS'), Type.Literal('FAIL'), Type.Literal('MANUAL'), Type.Literal('ERROR')]);
export const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
export const Cursor = Type.String({ minLength: 1, maxLength: 512, description: 'The nextCursor of the previous page.' });
export const Limit = (max: number, dflt = 50) => Type.Integer({ minimum: 1, maximum: max, default: dflt, description: `Page size, 1–${max}.` });
export const StatusCounts = Type.Object(
  { PASS: Type.Integer(), FAIL: Type.Integer(), MANUAL: Type.Integer(), ERROR: Type.Integer() },
  { additionalProperties: false },
);
export const SeverityCounts = Type.Object(
  { critical: Type.Integer(), high: Type.Integer(), medium: Type.Integer(), low: Type.Integer(), informational: Type.Integer() },
  { additionalProperties: false },
);
export const ErrorResponse = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    requestId: Type.Optional(Type.String()),
  },
  { description: 'The stable error body.' },
);

/** Error responses every authenticated route may answer, for the OpenAPI document. */
export const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
