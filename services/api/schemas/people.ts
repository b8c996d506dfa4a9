// Schemas of the person resource.
import { Type, type Static, DateTime, Nullable } from './common.js';

export const Person = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  addresses: Type.Array(Type.String()),
  messages: Type.Integer(),
  series: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), version: Type.Integer(), state: Type.String(), date: Nullable(DateTime) })),
});
export type Person = Static<typeof Person>;
