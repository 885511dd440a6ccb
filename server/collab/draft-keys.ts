/**
 * The shape of the allocation form's shared draft, one Yjs document per PPA, named once for the collaboration
 * server, the form and the tests:
 * - one top-level map per field, `amounts`, `weights` and `notes`: work item id → the value (a string; an
 *   amount in centavos), only for rows someone has changed since the last save (the saved figures come from
 *   the budget service). Every (row, field) is its own key, so two people changing different fields of one row
 *   at the same moment both keep their change; with a Y.Map per row, created on a row's first change, two
 *   such maps made at once were one too many and Yjs kept only one of them (issue #21, item 12);
 * - `meta`: { locked, savedBy, savedAt }.
 * Drafts stored in the older layout (`rows`: work item id → Y.Map) are moved over when their room opens
 * (draft-migration.ts).
 * No server-only imports: the browser bundle includes this file (as it does limits.ts).
 */
import type * as Y from 'yjs';

export const META = 'meta';

/** The fields of a row, every value a string. */
export const ROW_FIELD = { amount: 'amount', weight: 'weight', note: 'note' } as const;
export type RowField = (typeof ROW_FIELD)[keyof typeof ROW_FIELD];

/** The top-level map that holds each field's changed values. */
export const FIELD_MAP: Record<RowField, string> = { amount: 'amounts', weight: 'weights', note: 'notes' };

/** The keys of the `meta` map: `locked` a boolean, `savedBy` a name, `savedAt` an ISO timestamp. */
// `maintenance`: set by the server while maintenance mode is on (the form turns read-only for everyone).
export const META_KEY = { locked: 'locked', savedBy: 'savedBy', savedAt: 'savedAt', maintenance: 'maintenance' } as const;

/** One field of the draft: work item id → its changed value. */
export const draftField = (doc: Y.Doc, field: RowField) => doc.getMap<string>(FIELD_MAP[field]);
/** The draft's meta map. */
export const draftMeta = (doc: Y.Doc) => doc.getMap<unknown>(META);

/** What the draft says for this field of this row, or undefined if nobody changed it since the last save. */
export const draftValue = (doc: Y.Doc, workItemId: string, field: RowField): string | undefined => draftField(doc, field).get(workItemId);

export function setDraftValue(doc: Y.Doc, workItemId: string, field: RowField, value: string): void {
  draftField(doc, field).set(workItemId, value);
}

/** One changed row, as "Save allocation" sends it. */
export type DraftEdit = { workItemId: string } & Partial<Record<RowField, string>>;

/** Every changed row with the fields changed on it, in the order rows were first changed per field. */
export function draftEdits(doc: Y.Doc): DraftEdit[] {
  const edits = new Map<string, DraftEdit>();
  for (const field of Object.values(ROW_FIELD)) {
    for (const [workItemId, value] of draftField(doc, field).entries()) {
      const edit = edits.get(workItemId) ?? { workItemId };
      edit[field] = value;
      edits.set(workItemId, edit);
    }
  }
  return [...edits.values()];
}

/** Whether anyone has changed anything since the last save. */
export const hasDraftEdits = (doc: Y.Doc): boolean => Object.values(ROW_FIELD).some((field) => draftField(doc, field).size > 0);

/** After a save the draft re-bases on the saved figures: every change goes. */
export function clearDraftEdits(doc: Y.Doc): void {
  doc.transact(() => {
    for (const field of Object.values(ROW_FIELD)) {
      const values = draftField(doc, field);
      for (const key of [...values.keys()]) values.delete(key);
    }
  });
}
