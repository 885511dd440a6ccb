import type { HistoryEntry } from '@/server/contracts/history';

/** "Allocation: ₱150,000.00 → ₱140,000.00"; a value set for the first time reads "Type: task", one removed "Allocation: ₱2,500.00 → none". */
export function changeText(change: HistoryEntry['changes'][number]): string {
  if (change.before === null) return `${change.label}: ${change.after ?? 'none'}`;
  return `${change.label}: ${change.before} → ${change.after ?? 'none'}`;
}

/** Who did it: the person, or the system for what a job did on its own (the nightly sync). */
export function actorText(entry: Pick<HistoryEntry, 'actor'>): string {
  return entry.actor ?? 'System';
}
