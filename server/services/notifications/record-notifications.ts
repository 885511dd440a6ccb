import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import {
  alerts,
  approvalDecisions,
  emailDeliveries,
  modificationRequests,
  modificationSteps,
  moas,
  notificationPreferences,
  notifications,
  ppas,
  users,
} from '@/db/schema';
import { addresseesOf, notificationText, oneLine, type AnnouncedPpa, type Announcement } from '../../domain/notifications';
import type { AppEvents } from '../../contracts/events';
import { runUseCase } from '../effects/use-case';

/** The outbox events people are told of, with the outbox row's id: the idempotency key of what they are told. */
export type AnnouncingEvent = {
  [K in AnnouncingEventName]: { id: string; name: K; data: AppEvents[K] };
}[AnnouncingEventName];
type AnnouncingEventName = 'ppa/stage-changed' | 'alert/raised' | 'budget/unlocked' | 'modification/changed';

async function announcedPpa(q: Queryable, ppaId: string): Promise<AnnouncedPpa | null> {
  const [row] = await q
    .select({
      id: ppas.id,
      title: ppas.title,
      moaId: ppas.moaId,
      moaCode: moas.code,
      approvalStage: ppas.approvalStage,
      budgetAllocation: ppas.budgetAllocation,
    })
    .from(ppas)
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .where(eq(ppas.id, ppaId));
  return row ?? null;
}

async function nameOf(q: Queryable, userId: string | null): Promise<string> {
  if (!userId) return 'The system';
  const [row] = await q.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row?.name ?? row?.email ?? 'Someone';
}

/** What the event announces, read from the database as it is now; null when there is nothing left to tell. */
async function announcementOf(q: Queryable, event: AnnouncingEvent): Promise<Announcement | null> {
  const ppa = await announcedPpa(q, event.data.ppaId);
  if (!ppa) return null;
  switch (event.name) {
    case 'ppa/stage-changed': {
      const [decision] = await q.select().from(approvalDecisions).where(eq(approvalDecisions.id, event.data.decisionId));
      if (!decision) return null;
      return {
        type: 'stage_changed',
        ppa,
        from: decision.fromStage,
        to: decision.toStage,
        actorId: decision.decidedById,
        actorName: await nameOf(q, decision.decidedById),
        comment: decision.comment,
      };
    }
    case 'alert/raised': {
      const [alert] = await q.select().from(alerts).where(eq(alerts.id, event.data.alertId));
      // Resolved before anyone was told: nothing waits on anyone any more.
      if (!alert || alert.resolvedAt) return null;
      return { type: 'alert_raised', ppa, alert: { type: alert.type, severity: alert.severity, title: alert.title, message: alert.message } };
    }
    case 'modification/changed': {
      const [row] = await q
        .select({ step: modificationSteps, request: modificationRequests })
        .from(modificationSteps)
        .innerJoin(modificationRequests, eq(modificationRequests.id, modificationSteps.requestId))
        .where(eq(modificationSteps.id, event.data.stepId));
      if (!row) return null;
      const { step, request } = row;
      return {
        type: 'modification',
        ppa,
        request: { id: request.id, totalAmount: request.totalAmount, status: request.status, awaitingRole: request.awaitingRole },
        action: step.action,
        actorId: step.actorId,
        actorName: await nameOf(q, step.actorId),
        comment: step.comment,
      };
    }
    case 'budget/unlocked':
      return { type: 'budget_unlocked', ppa, actorId: event.data.unlockedById, actorName: await nameOf(q, event.data.unlockedById), reason: event.data.reason };
  }
}

export interface RecordedNotifications {
  /** How many people were told this time (0 when the event was delivered before). */
  notified: number;
  /** The email deliveries of this event not yet sent: for the sender, whichever delivery of the event this is. */
  emails: string[];
}

/**
 * Tells the people the domain names (server/domain/notifications.ts) of one announcing event: a notification
 * each, and an email each unless they switched that kind off, in one transaction. The database holds one
 * notification per event and person and one email per notification, so a redelivered event adds nothing;
 * it only hands back the emails still unsent, to be tried again.
 */
export async function recordNotifications(db: Database, event: AnnouncingEvent): Promise<RecordedNotifications> {
  const told = await runUseCase(db, async (tx, after) => {
    const announcement = await announcementOf(tx, event);
    if (!announcement) return [];
    const people = await tx.select({ id: users.id, role: users.role, moaId: users.moaId, deactivatedAt: users.deactivatedAt, email: users.email }).from(users);
    const addressees = addresseesOf(
      announcement,
      people.map((p) => ({ id: p.id, role: p.role, moaId: p.moaId, active: p.deactivatedAt === null })),
    );
    if (addressees.length === 0) return [];
    const inserted = await tx
      .insert(notifications)
      .values(
        addressees.map((a) => ({
          recipientId: a.userId,
          kind: a.kind,
          ppaId: announcement.ppa.id,
          sourceEventId: event.id,
          link: announcement.type === 'modification' ? `/modifications/${announcement.request.id}` : `/ppas/${announcement.ppa.id}`,
          ...notificationText(a.kind, announcement),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: notifications.id, recipientId: notifications.recipientId, kind: notifications.kind, title: notifications.title });
    if (inserted.length === 0) return [];
    const switchedOff = await tx
      .select({ userId: notificationPreferences.userId, kind: notificationPreferences.kind })
      .from(notificationPreferences)
      .where(
        and(
          inArray(
            notificationPreferences.userId,
            inserted.map((n) => n.recipientId),
          ),
          eq(notificationPreferences.emailEnabled, false),
        ),
      );
    const off = new Set(switchedOff.map((s) => `${s.userId}:${s.kind}`));
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    const emailed = inserted.filter((n) => !off.has(`${n.recipientId}:${n.kind}`));
    if (emailed.length > 0) {
      await tx
        .insert(emailDeliveries)
        .values(
          emailed.map((n) => ({
            deliveryKey: `notification:${n.id}`,
            recipientId: n.recipientId,
            notificationId: n.id,
            toAddress: emailOf.get(n.recipientId)!,
            subject: oneLine(n.title),
          })),
        )
        .onConflictDoNothing();
    }
    after.unreadChanged(inserted.map((n) => n.recipientId));
    return inserted.map((n) => n.recipientId);
  });
  const unsent = await db
    .select({ id: emailDeliveries.id })
    .from(emailDeliveries)
    .innerJoin(notifications, eq(notifications.id, emailDeliveries.notificationId))
    .where(and(eq(notifications.sourceEventId, event.id), isNull(emailDeliveries.sentAt)))
    .orderBy(emailDeliveries.createdAt, emailDeliveries.id);
  return { notified: told.length, emails: unsent.map((u) => u.id) };
}
