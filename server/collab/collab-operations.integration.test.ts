import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { draftMeta, META_KEY } from './draft-keys';
import { getMetrics } from '../lib/metrics';
import { forgetMaintenanceState, getMaintenance, setMaintenance } from '../services/operations/maintenance';
import { watchCollabOperations } from './collab-operations';

/**
 * The co-editing server's part in operations: its rooms and connections as gauges at scrape time, and
 * maintenance mode making every draft read-only (writes paused, the draft's meta saying so) and back.
 */
let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

function room(connections: number) {
  const doc = Object.assign(new Y.Doc(), { conns: new Map<unknown, unknown>(Array.from({ length: connections }, (_, i) => [i, i])) });
  return { doc };
}

async function gauge(name: 'collabRooms' | 'collabConnections'): Promise<number | undefined> {
  return (await getMetrics()[name].get()).values[0]?.value;
}

describe('co-editing operations', () => {
  it('reports rooms and connections when scraped, and nothing once stopped', async () => {
    const rooms = [room(2), room(3)];
    const operations = watchCollabOperations(() => rooms, handle.db);
    expect(await gauge('collabRooms')).toBe(2);
    expect(await gauge('collabConnections')).toBe(5);
    rooms.pop();
    expect(await gauge('collabConnections')).toBe(2);
    operations.stop();
    rooms.push(room(7));
    expect(await gauge('collabConnections')).toBe(2); // no source any more: the last figure stands
  });

  it('pauses writes and shows maintenance in every draft while it is on, and lifts both when it ends', async () => {
    const open = room(1);
    const operations = watchCollabOperations(() => [open], handle.db);
    try {
      await getMaintenance(handle.db);
      expect(operations.writesPaused()).toBe(false);
      operations.show(open);
      expect(draftMeta(open.doc).get(META_KEY.maintenance)).toBeUndefined(); // nothing written while off

      await setMaintenance(handle.db, { on: true });
      expect(operations.writesPaused()).toBe(true);
      operations.show(open);
      expect(draftMeta(open.doc).get(META_KEY.maintenance)).toBe(true);

      await setMaintenance(handle.db, { on: false });
      forgetMaintenanceState(handle.db);
      await getMaintenance(handle.db);
      expect(operations.writesPaused()).toBe(false);
      operations.show(open);
      expect(draftMeta(open.doc).get(META_KEY.maintenance)).toBe(false);
    } finally {
      operations.stop();
    }
  });

  it('without a database (a test’s own store) there is no switch', () => {
    const operations = watchCollabOperations(() => [], undefined);
    expect(operations.writesPaused()).toBe(false);
    operations.stop();
  });
});
