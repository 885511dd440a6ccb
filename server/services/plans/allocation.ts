import type { Queryable } from '@/db';
import { centavosOf, type Centavos } from '../../domain/money';
import type { PpaRow } from '../ppa/scope';

/**
 * The allocation a PPA's Financial Plan must sum to: the one place the plans module reads it. Today that is
 * the PPA's budget allocation; once modification requests post transfers, it is the adjusted allocation
 * (original + transfers in − transfers out), and only this function changes.
 */
export async function planAllocation(_q: Queryable, ppa: Pick<PpaRow, 'id' | 'budgetAllocation'>): Promise<Centavos> {
  return centavosOf(ppa.budgetAllocation);
}
