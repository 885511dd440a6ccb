import * as Y from 'yjs';
import { draftField, ROW_FIELD } from './draft-keys';

/** The first layout's rows map: work item id → Y.Map { amount, weight, note } (draft-keys.ts). */
export const LEGACY_ROWS = 'rows';

/**
 * Moves a draft stored in the first layout to one key per row and field, once, when its room opens: a draft
 * is a planner's unsaved edits, so they are kept rather than dropped. A value already in the new layout wins
 * (it is newer: only the new form writes there). Returns how many rows moved (0: nothing to do, nothing written).
 */
export function migrateLegacyDraft(doc: Y.Doc): number {
  const legacy = doc.getMap<unknown>(LEGACY_ROWS);
  if (legacy.size === 0) return 0;
  const moved = legacy.size;
  doc.transact(() => {
    for (const [workItemId, row] of legacy.entries()) {
      if (row instanceof Y.Map) {
        for (const field of Object.values(ROW_FIELD)) {
          const value: unknown = row.get(field);
          const values = draftField(doc, field);
          if (typeof value === 'string' && !values.has(workItemId)) values.set(workItemId, value);
        }
      }
      legacy.delete(workItemId);
    }
  });
  return moved;
}
