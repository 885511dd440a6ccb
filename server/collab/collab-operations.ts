import type * as Y from 'yjs';
import type { Database } from '@/db';
import { draftMeta, META_KEY } from './draft-keys';
import { setGaugeSource } from '../lib/metrics';
import { MAINTENANCE_CACHE_MS, maintenanceKnown } from '../services/operations/maintenance';

interface WatchedRoom {
  doc: Y.Doc & { conns: Map<unknown, unknown> };
}

export interface CollabOperations {
  /** While maintenance mode is on, every connection's writes are dropped (the form shows it read-only). */
  writesPaused(): boolean;
  /** Shows the switch in a room's draft (its meta map), as the lock is shown. */
  show(room: WatchedRoom): void;
  stop(): void;
}

/**
 * The co-editing server's part in operations: its rooms and connections as /api/metrics gauges, and maintenance
 * mode (docs/deploy.md), which makes every draft read-only: writes are dropped, and each open draft carries
 * `maintenance: true` so every form turns read-only and says why, and back when it ends. Without a database
 * (tests with their own store) there is no switch.
 */
export function watchCollabOperations(rooms: () => Iterable<WatchedRoom>, db: Database | undefined): CollabOperations {
  const paused = () => (db ? maintenanceKnown(db) : false);
  const show = (room: WatchedRoom) => {
    const meta = draftMeta(room.doc);
    const on = paused();
    if ((meta.get(META_KEY.maintenance) === true) !== on) meta.set(META_KEY.maintenance, on);
  };
  const timer = db ? setInterval(() => [...rooms()].forEach(show), MAINTENANCE_CACHE_MS) : undefined;
  timer?.unref();
  setGaugeSource('collab', () => {
    let roomCount = 0;
    let connections = 0;
    for (const room of rooms()) {
      roomCount += 1;
      connections += room.doc.conns.size;
    }
    return { rooms: roomCount, connections };
  });
  return {
    writesPaused: paused,
    show,
    stop() {
      if (timer) clearInterval(timer);
      setGaugeSource('collab', undefined);
    },
  };
}
