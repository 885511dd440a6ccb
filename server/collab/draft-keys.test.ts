import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearDraftEdits, draftEdits, draftValue, hasDraftEdits, ROW_FIELD, setDraftValue } from './draft-keys';
import { LEGACY_ROWS, migrateLegacyDraft } from './draft-migration';

/** Each document gets the other's changes, as two browsers do once their messages cross. */
function exchange(a: Y.Doc, b: Y.Doc) {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(a, fromB);
  Y.applyUpdate(b, fromA);
}

describe('the shared draft', () => {
  it('keeps both changes when two people change different fields of the same row at the same moment', () => {
    const norhaya = new Y.Doc();
    const amina = new Y.Doc();
    // Neither has heard of the other's change when making their own (both rows were untouched since the save).
    setDraftValue(norhaya, 'row-1', ROW_FIELD.amount, '1100000000');
    setDraftValue(amina, 'row-1', ROW_FIELD.note, 'Two cohorts, Cotabato and Marawi');
    setDraftValue(amina, 'row-1', ROW_FIELD.weight, '2');
    exchange(norhaya, amina);
    for (const doc of [norhaya, amina]) {
      expect(draftEdits(doc)).toEqual([{ workItemId: 'row-1', amount: '1100000000', weight: '2', note: 'Two cohorts, Cotabato and Marawi' }]);
    }
  });

  it('settles on one value, the same everywhere, when two people change the same field at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setDraftValue(a, 'row-1', ROW_FIELD.amount, '100');
    setDraftValue(b, 'row-1', ROW_FIELD.amount, '200');
    exchange(a, b);
    expect(['100', '200']).toContain(draftValue(a, 'row-1', ROW_FIELD.amount));
    expect(draftValue(b, 'row-1', ROW_FIELD.amount)).toBe(draftValue(a, 'row-1', ROW_FIELD.amount));
  });

  it('lists each changed row once with its changed fields, and a save clears them all', () => {
    const doc = new Y.Doc();
    setDraftValue(doc, 'row-1', ROW_FIELD.amount, '100');
    setDraftValue(doc, 'row-2', ROW_FIELD.note, 'Venue moved');
    setDraftValue(doc, 'row-1', ROW_FIELD.note, 'Split in two');
    expect(draftEdits(doc)).toEqual([
      { workItemId: 'row-1', amount: '100', note: 'Split in two' },
      { workItemId: 'row-2', note: 'Venue moved' },
    ]);
    expect(hasDraftEdits(doc)).toBe(true);
    clearDraftEdits(doc);
    expect(draftEdits(doc)).toEqual([]);
    expect(hasDraftEdits(doc)).toBe(false);
  });
});

describe('drafts stored in the first layout (a Y.Map per row)', () => {
  function legacyDraft(rows: Record<string, Record<string, string>>): Y.Doc {
    const doc = new Y.Doc();
    const legacy = doc.getMap<Y.Map<string>>(LEGACY_ROWS);
    for (const [workItemId, fields] of Object.entries(rows)) {
      const row = new Y.Map<string>();
      legacy.set(workItemId, row);
      for (const [field, value] of Object.entries(fields)) row.set(field, value);
    }
    return doc;
  }

  it('moves every row’s fields to the new layout once, keeping what the new layout already holds', () => {
    const doc = legacyDraft({ 'row-1': { amount: '100', note: 'old note' }, 'row-2': { weight: '3' } });
    setDraftValue(doc, 'row-1', ROW_FIELD.note, 'newer note');
    expect(migrateLegacyDraft(doc)).toBe(2);
    expect(draftEdits(doc)).toEqual([
      { workItemId: 'row-1', amount: '100', note: 'newer note' },
      { workItemId: 'row-2', weight: '3' },
    ]);
    expect(doc.getMap(LEGACY_ROWS).size).toBe(0);
    // Moved once: a second opening finds nothing to move and writes nothing.
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(migrateLegacyDraft(doc)).toBe(0);
    expect(updates).toEqual([]);
  });

  it('reaches a browser that only knows the new layout, through the document’s ordinary sync', () => {
    const stored = legacyDraft({ 'row-1': { amount: '4242' } });
    migrateLegacyDraft(stored);
    const browser = new Y.Doc();
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(stored));
    expect(draftValue(browser, 'row-1', ROW_FIELD.amount)).toBe('4242');
  });
});
