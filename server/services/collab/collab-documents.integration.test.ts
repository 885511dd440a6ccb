import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ppas } from '@/db/schema';
import { amountIn, setAmount } from '@/test/collab';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { draftField, ROW_FIELD } from '../../collab/draft-keys';
import { databaseCollabStore } from './collab-documents';

let handle: TestDatabase;
let ppaIds: string[];
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  ppaIds = (await handle.db.select({ id: ppas.id }).from(ppas).where(eq(ppas.fiscalYear, 2026))).map((p) => p.id);
});
afterAll(() => handle.close());

/** The state of a document holding these amounts, each from its own client, as one instance would store it. */
function stateWith(amounts: Record<string, string>): Uint8Array {
  const doc = new Y.Doc();
  for (const [item, centavos] of Object.entries(amounts)) setAmount(doc, item, centavos);
  return Y.encodeStateAsUpdate(doc);
}

function docOf(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

describe('stored co-editing drafts', () => {
  it('a store keeps what another instance stored and this one had not heard of', async () => {
    const store = databaseCollabStore(handle.db);
    const ppaId = ppaIds[0]!;
    await store.store(ppaId, stateWith({ 'from-instance-1': '100' }));
    await store.store(ppaId, stateWith({ 'from-instance-2': '200' }));
    const stored = docOf((await store.fetch(ppaId)).state);
    expect([amountIn(stored, 'from-instance-1'), amountIn(stored, 'from-instance-2')]).toEqual(['100', '200']);
  });

  it('stores made at the same moment by several instances all land, and a deletion stays deleted', async () => {
    const store = databaseCollabStore(handle.db);
    const ppaId = ppaIds[1]!;
    await Promise.all(Array.from({ length: 6 }, (_, i) => store.store(ppaId, stateWith({ [`instance-${i}`]: String(i) }))));
    const stored = docOf((await store.fetch(ppaId)).state);
    expect(Array.from({ length: 6 }, (_, i) => amountIn(stored, `instance-${i}`))).toEqual(['0', '1', '2', '3', '4', '5']);

    // A save re-bases the draft (its rows go). An instance that has not heard of it yet stores its older copy
    // afterwards: the rows stay gone.
    const olderCopy = Y.encodeStateAsUpdate(stored);
    draftField(stored, ROW_FIELD.amount).delete('instance-0');
    await store.store(ppaId, Y.encodeStateAsUpdate(stored));
    await store.store(ppaId, olderCopy);
    const after = docOf((await store.fetch(ppaId)).state);
    expect(amountIn(after, 'instance-0')).toBeUndefined();
    expect(amountIn(after, 'instance-5')).toBe('5');
  });
});
