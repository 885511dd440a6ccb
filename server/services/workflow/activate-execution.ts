import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { ppas, workItems } from '@/db/schema';
import { executionActivatedRecord } from '../../domain/audit-records';
import type { SignedInViewer } from '../../domain/types';
import { writeAudit } from '../audit';

/**
 * Enactment activates execution: the project goes not_started → in_progress and the PPA planning → ongoing.
 * Idempotent: a second call (a redelivered event) changes nothing. Caller owns the transaction.
 */
export async function activateExecution(tx: Queryable, ppaId: string, actor: SignedInViewer | null): Promise<{ activated: boolean }> {
  const project = await tx
    .update(workItems)
    .set({ status: 'in_progress' })
    .where(and(eq(workItems.ppaId, ppaId), isNull(workItems.parentId), eq(workItems.status, 'not_started')))
    .returning({ id: workItems.id });
  const ppa = await tx
    .update(ppas)
    .set({ status: 'ongoing' })
    .where(and(eq(ppas.id, ppaId), eq(ppas.status, 'planning')))
    .returning({ id: ppas.id });
  const activated = project.length > 0 || ppa.length > 0;
  if (activated) {
    await writeAudit(tx, actor, { ppaId, ...executionActivatedRecord(ppaId, project.length > 0, ppa.length > 0) });
  }
  return { activated };
}
