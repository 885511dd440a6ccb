import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { ppas, workItems } from '@/db/schema';
import { trackingEnabledRecord } from '../../domain/audit-records';
import { centavosOf, toPesoString } from '../../domain/money';
import type { SignedInViewer } from '../../domain/types';
import { defaultWbsTemplate } from '../../domain/wbs-templates';
import { writeAudit } from '../audit';
import { type PpaRow } from '../access';

export type WbsTemplateChoice = 'default' | 'empty';

/**
 * Creates a PPA's execution project (the root work item, holding the PPA's budget allocation) and, with
 * the default template, its first level (docs/domain-rules.md, "Work items"). Returns the project's id, or
 * the existing one's: a PPA has one project, and a second call changes nothing.
 * Used by "Enable execution tracking" and by the approval workflow; the caller owns the transaction and
 * the budget-lock check (the workflow creates the project on entering technical review, before any lock).
 */
export async function createExecutionProject(
  tx: Queryable,
  ppa: PpaRow,
  template: WbsTemplateChoice,
  actor: SignedInViewer | null,
): Promise<{ projectId: string; created: boolean }> {
  const [existing] = await tx
    .select({ id: workItems.id })
    .from(workItems)
    .where(and(eq(workItems.ppaId, ppa.id), isNull(workItems.parentId)));
  if (existing) return { projectId: existing.id, created: false };

  const budget = centavosOf(ppa.budgetAllocation);
  const [project] = await tx
    .insert(workItems)
    .values({
      ppaId: ppa.id,
      title: ppa.title,
      workType: 'project',
      allocatedBudget: toPesoString(budget),
      startDate: ppa.startDate,
      dueDate: ppa.targetEndDate,
    })
    .onConflictDoNothing()
    .returning({ id: workItems.id });
  if (!project) {
    // Another transaction created it between our read and insert: use theirs.
    const [theirs] = await tx
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.ppaId, ppa.id), isNull(workItems.parentId)));
    return { projectId: theirs!.id, created: false };
  }
  const children = template === 'default' ? defaultWbsTemplate(ppa.category, budget) : [];
  if (children.length > 0) {
    await tx.insert(workItems).values(
      children.map((child) => ({
        ppaId: ppa.id,
        parentId: project.id,
        title: child.title,
        workType: child.workType,
        allocatedBudget: toPesoString(child.allocatedCentavos),
        sortOrder: child.sortOrder,
      })),
    );
  }
  await tx.update(ppas).set({ enableWorkItemTracking: true }).where(eq(ppas.id, ppa.id));
  await writeAudit(tx, actor, {
    ppaId: ppa.id,
    ...trackingEnabledRecord(
      project.id,
      template,
      toPesoString(budget),
      children.map((c) => ({ title: c.title, allocated: toPesoString(c.allocatedCentavos) })),
    ),
  });
  return { projectId: project.id, created: true };
}
