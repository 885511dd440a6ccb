import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alerts, ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startLocalAutomation } from './local-automation';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('in-process schedule (no Inngest server)', () => {
  it('runs the nightly sync at 02:00 and the bottleneck check at 06:00 Manila time', async () => {
    const [tiyakap] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Tiyakap Bangsamoro Kalusugan Program'));
    await handle.db.update(ppas).set({ progress: 42 }).where(eq(ppas.id, tiyakap!.id));
    // Make the clock jump: "now" is 01:59:59 in Manila, then 05:59:59 and 20 days later for the bottleneck check.
    let now = new Date('2026-11-25T17:59:59Z');
    const log = vi.fn();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const stop = startLocalAutomation(handle.db, { now: () => now, log });
    try {
      now = new Date('2026-11-25T18:00:00Z');
      await vi.advanceTimersByTimeAsync(1000);
      await vi.waitFor(() => expect(log).toHaveBeenCalledWith('nightly sync: "Tiyakap Bangsamoro Kalusugan Program" → 0% ongoing'));
      expect(await handle.db.select({ p: ppas.progress }).from(ppas).where(eq(ppas.id, tiyakap!.id))).toEqual([{ p: 0 }]);

      now = new Date(Date.now() + 20 * 24 * 60 * 60 * 1000);
      await vi.advanceTimersByTimeAsync(4 * 60 * 60 * 1000);
      await vi.waitFor(async () => expect((await handle.db.select().from(alerts).where(eq(alerts.type, 'approval_bottleneck'))).length).toBe(10));
    } finally {
      await stop();
      vi.useRealTimers();
    }
  });
});
