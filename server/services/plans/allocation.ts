import type { Queryable } from '@/db';
import { centavosOf, type Centavos } from '../../domain/money';
import type { PpaRow } from '../access';

/**
 * The allocation a PPA's Financial Plan must sum to: the one place the plans module reads it. Approved
 * modification requests move money between the PPA's work items and never change its total (their transfers
 * stop below the project, docs/domain-rules.md "Modifications after the lock"), so the PPA's adjusted allocation
 * is its budget allocation.
 */
export async function planAllocation(_q: Queryable, ppa: Pick<PpaRow, 'id' | 'budgetAllocation'>): Promise<Centavos> {
  return centavosOf(ppa.budgetAllocation);
}
