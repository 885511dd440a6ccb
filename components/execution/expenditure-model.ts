import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';

export interface ExpenditureValues {
  amount: string;
  date: string;
  description: string;
}

/** A blank entry dated today (UTC calendar day, as the form has always started). */
export function emptyExpenditure(now: Date = new Date()): ExpenditureValues {
  return { amount: '', date: now.toISOString().slice(0, 10), description: '' };
}

/** The workItem.recordExpenditure request; the server checks the amount (over ₱0), date and description. */
export function expenditureRequest(workItemId: string, values: ExpenditureValues) {
  return { id: workItemId, ...values };
}

/** After a recorded entry the date stays (entries often share one); amount and description clear. */
export function afterRecorded(values: ExpenditureValues): ExpenditureValues {
  return { ...values, amount: '', description: '' };
}

/** "Allocated ₱… · actual ₱… · remaining ₱…" for the dialog's heading line. */
export function spendingSummary(node: Pick<AllocationNodeShape, 'allocated' | 'actual' | 'remaining'>): string {
  const peso = (amount: string) => formatPesos(parsePesos(amount));
  return `Allocated ${peso(node.allocated)} · actual ${peso(node.actual)} · remaining ${peso(node.remaining)}`;
}
