import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';

const statements = new WeakMap<Database, string>();

/**
 * A hash of every table's whole content, but for api_tokens.last_used_at (stamped by every use of a token):
 * equal before and after a call means the call changed nothing.
 */
export async function databaseFingerprint(db: Database): Promise<Record<string, string>> {
  let statement = statements.get(db);
  if (!statement) {
    const tables = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((t) => t.name);
    const row = `(to_jsonb(r) - 'last_used_at')::text`;
    const parts = tables.map((t) => `'${t}', (select md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) from "${t}" r)`);
    statement = `select json_build_object(${parts.join(', ')}) as f`;
    statements.set(db, statement);
  }
  const [result] = rowsOf<{ f: Record<string, string> }>(await db.execute(sql.raw(statement)));
  return result!.f;
}
