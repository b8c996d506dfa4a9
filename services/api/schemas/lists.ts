// Schemas of the mailing-list resource.
import { Type, type Static } from './common.js';

export const List = Type.Object({ id: Type.Integer(), listId: Type.String(), name: Type.String(), series: Type.Integer(), open: Type.Integer() });
export type List = Static<typeof List>;
export const ListPage = Type.Object({ items: Type.Array(List) });
