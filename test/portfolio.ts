import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { expenditureEntries, workItems } from '../db/schema';
import { createApiToken } from '../server/services/api-tokens/api-tokens';
import { NEVER_BLOCKING_LIMITS } from './failure-limits';
import { handleRestRequest } from '../server/http/rest-handler';
import { demoViewer } from './viewers';

// Test requests never trip the failed-token limit.
const limits = NEVER_BLOCKING_LIMITS;

/** GET /api/v1… as the demo user with this email (a personal API token), the response as it is. */
export async function restAs(db: Database, email: string) {
  const { token } = await createApiToken({ db, viewer: await demoViewer(db, email), name: 'portfolio tests' });
  return (path: string) => handleRestRequest(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }), db, { limits });
}
export type Rest = Awaited<ReturnType<typeof restAs>>;

export async function restJson<T>(rest: Rest, path: string): Promise<T> {
  const res = await rest(path);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every PPA id the list endpoint gives this caller for the query, all pages. */
export async function allPpaIds(rest: Rest, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await restJson(rest, `/ppas?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

export interface TreeNode {
  id: string;
  title: string;
  workType: string;
  status: string;
  allocated: string;
  actual: string;
  obligations?: string;
  variance: string;
  variancePercent: number | null;
  utilisation: number | null;
  budgetStatus: string;
  children: TreeNode[];
}

/** A PPA's own figures, read off its own endpoints: GET /ppas/{id} and GET /ppas/{id}/budget-allocation-tree. */
export async function ownFigures(rest: Rest, id: string) {
  const ppa = await restJson<{
    title: string;
    moa: { code: string };
    sector: string;
    approvalStage: string;
    status: string;
    progress: number;
    appropriationClass: string | null;
    budgetCeiling: string | null;
    budgetAllocation: string | null;
  }>(rest, `/ppas/${id}`);
  const { tree } = await restJson<{ tree: TreeNode | null }>(rest, `/ppas/${id}/budget-allocation-tree`);
  return {
    ppa,
    tree,
    ceiling: ppa.budgetCeiling ?? '0.00',
    allocation: ppa.budgetAllocation ?? '0.00',
    // Actual = disbursements; obligations as the tree rolls them up (docs/domain-rules.md, "Ledger").
    disbursements: tree?.actual ?? '0.00',
    obligations: tree?.obligations ?? '0.00',
  };
}

/**
 * A ledger row written straight to the table, as the recording service writes it: an obligation or a
 * disbursement, or the reversal of an earlier entry (negative, pointing at it, with a reason).
 */
export async function addLedgerEntry(
  db: Database,
  entry: { workItemId: string; kind: 'obligation' | 'disbursement'; amount: string; recordedById: string; spentOn: string; reverses?: string },
): Promise<string> {
  const [item] = await db.select({ ppaId: workItems.ppaId }).from(workItems).where(eq(workItems.id, entry.workItemId));
  const id = randomUUID();
  await db.insert(expenditureEntries).values({
    id,
    workItemId: entry.workItemId,
    ppaId: item!.ppaId,
    kind: entry.kind,
    amount: entry.amount,
    spentOn: entry.spentOn,
    description: entry.reverses ? 'Reversal' : `Test ${entry.kind}`,
    reversesId: entry.reverses ?? null,
    reversalReason: entry.reverses ? 'Recorded on the wrong item' : null,
    recordedById: entry.recordedById,
  });
  return id;
}
