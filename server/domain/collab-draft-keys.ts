/**
 * The shape of the allocation form's shared draft, one Yjs document per PPA, named once for the collaboration
 * server, the form and the tests:
 * - `rows`: work item id → Y.Map { amount (centavos, as a string), weight, note }, only for rows someone has
 *   changed since the last save (the saved figures come from the budget service);
 * - `meta`: { locked, savedBy, savedAt }.
 * No server-only imports: the browser bundle includes this file (as it does collab-limits.ts).
 */
import type * as Y from 'yjs';

export const ROWS = 'rows';
export const META = 'meta';

/** The fields of one row's Y.Map, every value a string. */
export const ROW_FIELD = { amount: 'amount', weight: 'weight', note: 'note' } as const;
export type RowField = (typeof ROW_FIELD)[keyof typeof ROW_FIELD];

/** The keys of the `meta` map: `locked` a boolean, `savedBy` a name, `savedAt` an ISO timestamp. */
export const META_KEY = { locked: 'locked', savedBy: 'savedBy', savedAt: 'savedAt' } as const;

/** The draft's rows: work item id → its changed fields. */
export const draftRows = (doc: Y.Doc) => doc.getMap<Y.Map<string>>(ROWS);
/** The draft's meta map. */
export const draftMeta = (doc: Y.Doc) => doc.getMap<unknown>(META);
