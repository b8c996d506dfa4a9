// Shared TypeBox schemas of the HTTP API: the error body, id params, people
// and the state enum. Resource schemas live beside this file, one per resource,
// and every route declares its params, query, body and responses from them.
import { Type, type Static } from '@fastify/type-provider-typebox';

export { Type };
export type { Static };

/** The body of every error reply (see docs/errors.md). */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  error: Type.String(),
  message: Type.String(),
});

/** The error replies every route may give, by status. */
export const errorResponses = {
  400: ErrorBody,
  404: ErrorBody,
} as const;

export const writeErrorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'row id' }) });
export type IdParams = Static<typeof IdParams>;

/** The states a series or patch can be in (patchwork's, minus its oddities). */
export const STATES = [
  'New',
  'Under Review',
  'Accepted',
  'Changes Requested',
  'Rejected',
  'RFC',
  'Not Applicable',
  'Superseded',
  'Deferred',
] as const;
export type State = (typeof STATES)[number];
/**
 * A string enum as a plain JSON-schema `enum`, so a bad value is reported as
 * "must be equal to one of the allowed values" (a union of literals would
 * give one error per literal).
 */
export function StringEnum<T extends readonly string[]>(values: T, opts: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

export const StateSchema = StringEnum(STATES, { description: 'review state' });

export const PersonRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
});
export type PersonRef = Static<typeof PersonRef>;

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Timestamps go over the wire as ISO 8601 strings. */
export const DateTime = Type.String({ format: 'date-time' });
