import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { workItems } from '@/db/schema';

type BulkColumn =
  { name: 'progress' | 'sort_order'; cast: 'int' } | { name: 'allocated_budget' | 'weight'; cast: 'numeric' } | { name: 'status'; cast: 'work_status' };

/** Sets one column of many work items in one statement: `update … from (values (id, value), …)`. */
export async function setWorkItemColumn(tx: Queryable, column: BulkColumn, rows: { id: string; value: string | number }[]): Promise<void> {
  if (rows.length === 0) return;
  const cast = sql.raw(column.cast);
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${r.value}::${cast})`),
    sql`, `,
  );
  await tx.execute(sql`update ${workItems} set ${sql.raw(column.name)} = v.value, updated_at = now()
    from (values ${values}) as v(id, value) where ${workItems.id} = v.id`);
}
