import { and, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { modificationLines, modificationRequests } from '@/db/schema';
import { centavosOf, type Centavos } from '../../domain/money';
import type { ModItem } from '../../domain/modifications';
import type { AppropriationClass } from '../../domain/types';

/** The PPA's work items with adjusted allocations and obligations rolled up (one indexed read). */
export async function readModItems(q: Queryable, ppaId: string): Promise<ModItem[]> {
  const result = await q.execute(sql`
    select w.id, w.parent_id, w.title, w.adjusted_budget::text as adjusted, w.appropriation_class, w.object_of_expenditure,
      coalesce(s.obligations, 0)::text as own_obligations
    from work_items w
    left join (
      select work_item_id, sum(amount) filter (where kind = 'obligation') as obligations
      from expenditure_entries where ppa_id = ${ppaId} group by work_item_id
    ) s on s.work_item_id = w.id
    where w.ppa_id = ${ppaId}
    order by w.sort_order, w.id`);
  const rows = rowsOf<{
    id: string;
    parent_id: string | null;
    title: string;
    adjusted: string;
    appropriation_class: AppropriationClass | null;
    object_of_expenditure: string | null;
    own_obligations: string;
  }>(result);
  const items = rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    title: r.title,
    adjusted: centavosOf(r.adjusted),
    obligations: centavosOf(r.own_obligations),
    appropriationClass: r.appropriation_class,
    objectOfExpenditure: r.object_of_expenditure,
  }));
  // Roll obligations up: each item's own plus its descendants' (an item commits what its parts commit).
  const byId = new Map(items.map((i) => [i.id, i]));
  const own = new Map(items.map((i) => [i.id, i.obligations]));
  for (const item of items) {
    const seen = new Set<string>([item.id]);
    for (let p = item.parentId; p && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      seen.add(p);
      const parent = byId.get(p);
      if (parent) parent.obligations += own.get(item.id)!;
    }
  }
  return items;
}

/**
 * What other submitted requests of the PPA move out of each item. `before` keeps only requests submitted
 * before the given one (reservations queue in submission order: a later request was checked against the
 * earlier ones, so it cannot block them).
 */
export async function pendingOutgoing(
  q: Queryable,
  ppaId: string,
  options: { except?: string; before?: { submittedAt: Date; id: string } } = {},
): Promise<Map<string, Centavos>> {
  const conditions: (SQL | undefined)[] = [eq(modificationRequests.ppaId, ppaId), eq(modificationRequests.status, 'submitted')];
  if (options.except) conditions.push(ne(modificationRequests.id, options.except));
  if (options.before) {
    const { submittedAt, id } = options.before;
    conditions.push(
      or(lt(modificationRequests.submittedAt, submittedAt), and(eq(modificationRequests.submittedAt, submittedAt), lt(modificationRequests.id, id))),
    );
  }
  const rows = await q
    .select({ itemId: modificationLines.fromWorkItemId, total: sql<string>`sum(${modificationLines.amount})::text` })
    .from(modificationLines)
    .innerJoin(modificationRequests, eq(modificationRequests.id, modificationLines.requestId))
    .where(and(...conditions))
    .groupBy(modificationLines.fromWorkItemId);
  return new Map(rows.map((r) => [r.itemId, centavosOf(r.total)]));
}

/** The lines of a request in their order. */
export function linesOf(q: Queryable, requestIds: string[]) {
  return q
    .select()
    .from(modificationLines)
    .where(inArray(modificationLines.requestId, requestIds))
    .orderBy(modificationLines.requestId, modificationLines.position);
}
