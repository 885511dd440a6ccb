import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';

const statements = new WeakMap<Database, string>();

// Stamped in the background by the in-process mail runner, for emails an earlier call announced.
const BACKGROUND_COLUMNS: Record<string, string[]> = { email_deliveries: ['sent_at', 'attempts', 'last_error'] };

/**
 * A hash of every table's whole content, but for api_tokens.last_used_at (stamped by every use of a token) and
 * the sending bookkeeping of email_deliveries (BACKGROUND_COLUMNS): equal before and after a call means the
 * call changed nothing.
 */
export async function databaseFingerprint(db: Database): Promise<Record<string, string>> {
  let statement = statements.get(db);
  if (!statement) {
    const tables = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map(
      (t) => t.name,
    );
    const rowOf = (t: string) => `(to_jsonb(r) - 'last_used_at'${(BACKGROUND_COLUMNS[t] ?? []).map((c) => ` - '${c}'`).join('')})::text`;
    const parts = tables.map((t) => `'${t}', (select md5(coalesce(string_agg(${rowOf(t)}, '|' order by ${rowOf(t)}), '')) from "${t}" r)`);
    statement = `select json_build_object(${parts.join(', ')}) as f`;
    statements.set(db, statement);
  }
  const [result] = rowsOf<{ f: Record<string, string> }>(await db.execute(sql.raw(statement)));
  return result!.f;
}
