import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alerts, eventOutbox, expenditureEntries, ppas, users, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor } from '@/test/viewers';
import { inProcessSteps, scheduledJob } from '../automation/scheduled-jobs';
import { raiseScheduleAlerts } from './raise-alerts';

// Each test starts from the demo data as seeded; "now" is 06:00 in Manila, when the daily check runs.
let handle: TestDatabase;
beforeEach(async () => {
  handle = await createSeededTestDatabase();
});
afterEach(() => handle.close());

const at = (day: string) => new Date(`${day}T06:00:00+08:00`);

async function openScheduleAlerts() {
  const rows = await handle.db
    .select({
      id: alerts.id,
      type: alerts.type,
      severity: alerts.severity,
      title: alerts.title,
      message: alerts.message,
      ppaId: alerts.ppaId,
      workItemId: alerts.workItemId,
    })
    .from(alerts)
    .where(and(inArray(alerts.type, ['underspending', 'milestone_missed']), isNull(alerts.resolvedAt)));
  return rows.sort((a, b) => a.type.localeCompare(b.type) || a.title.localeCompare(b.title));
}

async function ppaNamed(title: string) {
  const [row] = await handle.db.select().from(ppas).where(eq(ppas.title, title));
  return row!;
}

async function itemNamed(ppaId: string, title: string) {
  const [row] = await handle.db
    .select()
    .from(workItems)
    .where(and(eq(workItems.ppaId, ppaId), eq(workItems.title, title)));
  return row!;
}

describe('underspending and missed milestones, raised by the daily check', () => {
  it('on the seeded data on 27 November 2026: the four enacted PPAs underspend, three past projects missed their dates', async () => {
    expect(await raiseScheduleAlerts(handle.db, at('2026-11-27'))).toEqual({ underspending: 4, milestoneMissed: 3, resolved: 0 });
    const open = await openScheduleAlerts();
    expect(open.map((a) => [a.type, a.severity, a.title])).toEqual([
      ['milestone_missed', 'high', 'Expenditure Management Program missed its due date'],
      ['milestone_missed', 'high', 'Food Security and Nutrition Convergence Program missed its due date'],
      ['milestone_missed', 'high', 'Tiyakap Bangsamoro Kalusugan Program missed its due date'],
      ['underspending', 'medium', 'Expenditure Management Program is underspending'],
      ['underspending', 'medium', 'Food Security and Nutrition Convergence Program is underspending'],
      ['underspending', 'medium', 'Livelihood Training for OBC Women is underspending'],
      ['underspending', 'medium', 'Tiyakap Bangsamoro Kalusugan Program is underspending'],
    ]);
    // Underspending is the PPA's (no work item); a missed date is the item's (here each project).
    expect(open.filter((a) => a.type === 'underspending').every((a) => a.workItemId === null)).toBe(true);
    expect(open.filter((a) => a.type === 'milestone_missed').every((a) => a.workItemId !== null)).toBe(true);
    // 2026-02-01 → 2026-12-15 is 317 days; 299 have passed on 27 November.
    expect(open.find((a) => a.title === 'Livelihood Training for OBC Women is underspending')!.message).toBe(
      '94% of the schedule (2026-02-01 to 2026-12-15) has passed and ₱1,647,500.00 of ₱5,000,000.00 is spent (32.95%).',
    );
    expect(open.find((a) => a.title.startsWith('Expenditure Management'))!.message).toBe('Due 2024-12-15 and not completed: 712 days overdue.');

    // Each new alert is announced once (the notifications' outbox event), and a second run raises nothing new.
    const announced = await handle.db.select().from(eventOutbox).where(eq(eventOutbox.name, 'alert/raised'));
    expect(announced).toHaveLength(7);
    expect(await raiseScheduleAlerts(handle.db, at('2026-11-27'))).toEqual({ underspending: 0, milestoneMissed: 0, resolved: 0 });
    expect(await handle.db.select().from(eventOutbox).where(eq(eventOutbox.name, 'alert/raised'))).toHaveLength(7);
    expect(await openScheduleAlerts()).toHaveLength(7);

    // The planner of MSSD sees Livelihood's on the PPA page's list; MAFAR's planner does not.
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const planner = await callerFor(handle.db, 'planner@example.org');
    expect((await planner.alert.list({ ppaId: livelihood.id, open: true })).map((a) => a.type).sort()).toEqual(['overspending', 'underspending']);
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect(await mafar.alert.list({ ppaId: livelihood.id })).toEqual([]);
  });

  it('counts a task as missed from the Manila day after its due date, and never a completed one', async () => {
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    // Livelihood's four tasks are due 30 November; Venue Booking is completed.
    await raiseScheduleAlerts(handle.db, at('2026-11-30'));
    expect((await openScheduleAlerts()).filter((a) => a.ppaId === livelihood.id && a.type === 'milestone_missed')).toEqual([]);
    // 07:59 on 1 December in Manila is still 30 November in UTC: Manila's day counts.
    const result = await raiseScheduleAlerts(handle.db, new Date('2026-12-01T07:59:00+08:00'));
    expect(result.milestoneMissed).toBe(3);
    const missed = (await openScheduleAlerts()).filter((a) => a.ppaId === livelihood.id && a.type === 'milestone_missed');
    expect(missed.map((a) => [a.title, a.message])).toEqual([
      ['Invitations missed its due date', 'Due 2026-11-30 and not completed: 1 day overdue.'],
      ['M&E Report missed its due date', 'Due 2026-11-30 and not completed: 1 day overdue.'],
      ['Training Sessions missed its due date', 'Due 2026-11-30 and not completed: 1 day overdue.'],
    ]);
  });

  it('resolves an alert by itself once its reason is gone: spending reaches exactly 50%, the item is completed', async () => {
    await raiseScheduleAlerts(handle.db, at('2026-11-27'));
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const training = await itemNamed(livelihood.id, 'Training Sessions');
    const [planner] = await handle.db.select().from(users).where(eq(users.email, 'planner@example.org'));
    // ₱1,647,500.00 + ₱852,500.00 = ₱2,500,000.00: exactly half of ₱5,000,000.00 is not "under 50%".
    await handle.db.insert(expenditureEntries).values({
      workItemId: training.id,
      ppaId: livelihood.id,
      amount: '852500.00',
      spentOn: '2026-11-20',
      description: 'Second batch',
      recordedById: planner!.id,
    });
    const tiyakap = await ppaNamed('Tiyakap Bangsamoro Kalusugan Program');
    await handle.db
      .update(workItems)
      .set({ status: 'completed', progress: 100 })
      .where(and(eq(workItems.ppaId, tiyakap.id), isNull(workItems.parentId)));

    expect(await raiseScheduleAlerts(handle.db, at('2026-11-28'))).toEqual({ underspending: 0, milestoneMissed: 0, resolved: 2 });
    const open = await openScheduleAlerts();
    expect(open.some((a) => a.ppaId === livelihood.id && a.type === 'underspending')).toBe(false);
    expect(open.some((a) => a.ppaId === tiyakap.id && a.type === 'milestone_missed')).toBe(false);
    expect(open).toHaveLength(5);
    const resolved = await handle.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.ppaId, livelihood.id), eq(alerts.type, 'underspending')));
    expect(resolved.map((a) => [a.resolvedAt?.toISOString(), a.resolvedById])).toEqual([[at('2026-11-28').toISOString(), null]]);

    // A PPA that is completed is no longer checked at all: its alerts resolve too.
    const food = await ppaNamed('Food Security and Nutrition Convergence Program');
    await handle.db.update(ppas).set({ status: 'completed' }).where(eq(ppas.id, food.id));
    expect((await raiseScheduleAlerts(handle.db, at('2026-11-29'))).resolved).toBe(2);
    expect((await openScheduleAlerts()).some((a) => a.ppaId === food.id)).toBe(false);
  });

  it('leaves alone what is not being executed: approved but not enacted, or with no schedule', async () => {
    // Quick Response Fund (approved, tracked, FY 2025) is past its schedule with nothing spent: not executing yet.
    const qrf = await ppaNamed('Quick Response Fund');
    // Without start and end dates there is no schedule to be behind on.
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    await handle.db.update(ppas).set({ startDate: null, targetEndDate: null }).where(eq(ppas.id, livelihood.id));
    await raiseScheduleAlerts(handle.db, at('2026-11-27'));
    const open = await openScheduleAlerts();
    expect(open.some((a) => a.ppaId === qrf.id)).toBe(false);
    expect(open.some((a) => a.ppaId === livelihood.id)).toBe(false);
    expect(open.filter((a) => a.type === 'underspending')).toHaveLength(3);
  });

  it('runs with the bottleneck check as one daily job', async () => {
    // The seed's reviews entered their stages two days before it ran (after this "now"): only this one waits.
    const women = await ppaNamed("Women's Welfare Program");
    await handle.db
      .update(ppas)
      .set({ stageEnteredAt: new Date(at('2026-11-27').getTime() - 20 * 24 * 60 * 60 * 1000) })
      .where(eq(ppas.id, women.id));
    const result = await scheduledJob('daily-approval-bottlenecks').run(handle.db, at('2026-11-27'), inProcessSteps(handle.db), () => {});
    // Q3 2026 has closed: Livelihood Training is behind its plan (server/services/plans/behind-plan.ts).
    expect(result).toEqual({
      bottlenecks: { high: 0, critical: 1 },
      schedule: { underspending: 4, milestoneMissed: 3, resolved: 0 },
      behindPlan: { checked: 1, raised: 1 },
    });
  });
});
