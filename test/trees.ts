import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { ppas } from '../db/schema';
import type { AllocationNodeShape } from '../server/contracts/budget';
import { giveBalancedPlans } from './plans';
import type { callerFor } from './viewers';

type Caller = Awaited<ReturnType<typeof callerFor>>;

/** A fresh tracked PPA of the caller's MOA with the default template, and its tree. */
export async function newTrackedPpa(
  caller: Caller,
  options: { allocation: string; category?: 'program' | 'project' | 'activity'; title?: string; template?: 'default' | 'empty' },
) {
  const ppa = await caller.ppa.create({
    title: options.title ?? 'Barangay Livelihood Caravan',
    category: options.category ?? 'activity',
    sector: 'social',
    fiscalYear: 2026,
    budgetCeiling: options.allocation,
    budgetAllocation: options.allocation,
  });
  const { tree } = await caller.budget.enableTracking({ id: ppa.id, template: options.template ?? 'default' });
  return { ppaId: ppa.id, tree: tree! };
}

/**
 * A fresh tracked PPA that takes ledger entries (docs/domain-rules.md, "Ledger"): approved, as if it had gone
 * through the reviews (with the balanced plans budget review asks for) and an admin had then unlocked its
 * budget, so the test may still change allocations.
 */
export async function newSpendablePpa(db: Queryable, caller: Caller, options: Parameters<typeof newTrackedPpa>[1]) {
  const made = await newTrackedPpa(caller, options);
  await giveBalancedPlans(caller, made.ppaId);
  await db.update(ppas).set({ approvalStage: 'approved' }).where(eq(ppas.id, made.ppaId));
  return made;
}

/** Commits money on a work item (an obligation with its ORS), so disbursements may be paid from it. */
export function obligate(caller: Caller, workItemId: string, amount: string, date = '2026-03-01') {
  return caller.workItem.recordExpenditure({
    id: workItemId,
    kind: 'obligation',
    amount,
    date,
    description: `Contract of ₱${amount}`,
    referenceNo: 'ORS-TEST',
  });
}

/** The node with this title, anywhere in the tree. */
export function nodeNamed(tree: AllocationNodeShape, title: string): AllocationNodeShape {
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.title === title) return node;
    stack.push(...node.children);
  }
  throw new Error(`no node "${title}"`);
}

/** [title, allocated] of a node's children. */
export function childAmounts(node: AllocationNodeShape): [string, string][] {
  return node.children.map((c) => [c.title, c.allocated]);
}
