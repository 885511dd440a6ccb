import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { centavosOf, type Centavos } from '../../domain/money';

export interface MonthlyLedger {
  obligations: Centavos[];
  disbursements: Centavos[];
}

/**
 * A PPA's net obligations and disbursements by month of its fiscal year (reversals are negative entries, so they
 * net out). An entry dated before the fiscal year counts in January, one after it in December (fiscalMonthOf).
 */
export async function monthlyLedger(q: Queryable, ppaId: string, fiscalYear: number): Promise<MonthlyLedger> {
  const rows = rowsOf<{ month: number; kind: 'obligation' | 'disbursement'; amount: string }>(
    await q.execute(sql`
      select least(12, greatest(1, case
               when extract(year from spent_on)::int < ${fiscalYear} then 1
               when extract(year from spent_on)::int > ${fiscalYear} then 12
               else extract(month from spent_on)::int end)) as month,
             kind, sum(amount)::numeric(18,2)::text as amount
      from expenditure_entries where ppa_id = ${ppaId}
      group by 1, 2`),
  );
  const ledger: MonthlyLedger = { obligations: Array.from({ length: 12 }, () => 0n), disbursements: Array.from({ length: 12 }, () => 0n) };
  for (const row of rows) {
    const side = row.kind === 'obligation' ? ledger.obligations : ledger.disbursements;
    side[Number(row.month) - 1] = centavosOf(row.amount);
  }
  return ledger;
}
