import { formatPesos, type Centavos } from './money';
import type { AppropriationClass, ModificationRoute, ModificationStatus, UserRole } from './types';

/**
 * Modifications after the lock (docs/domain-rules.md; BAA No. 84, s. 49): moving money between work items of
 * a locked PPA. Pure: the services read the tree, the ledger and the other pending requests; these rules
 * decide whether a request may stand, who decides it, and what postings its approval makes.
 */

/** A work item as the rules need it: adjusted allocation and rolled-up obligations in centavos. */
export interface ModItem {
  id: string;
  parentId: string | null;
  title: string;
  adjusted: Centavos;
  /** Obligations on the item and all its descendants (what it has committed). */
  obligations: Centavos;
  appropriationClass: AppropriationClass | null;
  objectOfExpenditure: string | null;
}

export interface ModLine {
  fromWorkItemId: string;
  toWorkItemId: string;
  amount: Centavos;
}

/** One posting: money into or out of one work item (the source's or target's chain below their common ancestor). */
export interface Posting {
  lineIndex: number;
  workItemId: string;
  amountIn: Centavos;
  amountOut: Centavos;
}

export interface LineProblem {
  /** The line the problem is about (0-based), or null for the request as a whole. */
  line: number | null;
  message: string;
}

export interface ItemChange {
  workItemId: string;
  title: string;
  before: Centavos;
  after: Centavos;
  /** Before this request: adjusted − obligations − other pending requests' outgoing amounts (sources only). */
  available: Centavos | null;
}

export interface ModificationCheck {
  problems: LineProblem[];
  postings: Posting[];
  /** Each item the request touches, before → after. */
  changes: ItemChange[];
  /** The PPA's total of its project (the root) before and after: equal whenever there is no problem. */
  totalBefore: Centavos;
  totalAfter: Centavos;
}

/** The class that governs an item: its own, else its nearest ancestor's, else the PPA's. */
export function effectiveClass(itemId: string, byId: ReadonlyMap<string, ModItem>, ppaClass: AppropriationClass | null): AppropriationClass | null {
  for (let item = byId.get(itemId); item; item = item.parentId ? byId.get(item.parentId) : undefined) {
    if (item.appropriationClass) return item.appropriationClass;
  }
  return ppaClass;
}

/** The item's ancestors from its parent up to the root. */
function ancestorsOf(itemId: string, byId: ReadonlyMap<string, ModItem>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([itemId]);
  for (let parent = byId.get(itemId)?.parentId ?? null; parent && !seen.has(parent); parent = byId.get(parent)?.parentId ?? null) {
    seen.add(parent);
    chain.push(parent);
  }
  return chain;
}

/**
 * The items a line posts to: the source and its ancestors below the common ancestor give the amount, the
 * target and its ancestors below it receive it. Null when one item contains the other (that moves nothing:
 * a parent's allocation already includes its children's).
 */
export function chainsOf(line: Pick<ModLine, 'fromWorkItemId' | 'toWorkItemId'>, byId: ReadonlyMap<string, ModItem>): { out: string[]; in: string[] } | null {
  const fromUp = [line.fromWorkItemId, ...ancestorsOf(line.fromWorkItemId, byId)];
  const toUp = [line.toWorkItemId, ...ancestorsOf(line.toWorkItemId, byId)];
  if (fromUp.includes(line.toWorkItemId) || toUp.includes(line.fromWorkItemId)) return null;
  const toSet = new Set(toUp);
  const common = fromUp.find((id) => toSet.has(id));
  const out = common ? fromUp.slice(0, fromUp.indexOf(common)) : fromUp;
  const into = common ? toUp.slice(0, toUp.indexOf(common)) : toUp;
  return { out, in: into };
}

/**
 * Checks a request against the tree as it stands (the invariants of "Modifications after the lock") and
 * computes its postings. `pendingOut` is what other pending requests already ask to move out of each item.
 * The same check previews a draft while it is written and runs again in the transaction that approves it.
 */
export function checkModification(input: {
  items: readonly ModItem[];
  lines: readonly ModLine[];
  pendingOut: ReadonlyMap<string, Centavos>;
  /** A request that carries a plan revision may have no lines: it changes only the plan. */
  carriesRevision?: boolean;
}): ModificationCheck {
  const byId = new Map(input.items.map((i) => [i.id, i]));
  const problems: LineProblem[] = [];
  const postings: Posting[] = [];
  const root = input.items.find((i) => i.parentId === null);
  const totalBefore = root?.adjusted ?? 0n;
  if (input.lines.length === 0 && !input.carriesRevision) problems.push({ line: null, message: 'Add at least one line: which item gives how much to which.' });

  const outOfSource = new Map<string, Centavos>();
  input.lines.forEach((line, index) => {
    const from = byId.get(line.fromWorkItemId);
    const to = byId.get(line.toWorkItemId);
    const n = `Line ${index + 1}`;
    if (line.amount <= 0n) return problems.push({ line: index, message: `${n}: enter an amount above ₱0.00.` });
    if (!from || !to) return problems.push({ line: index, message: `${n}: both items must be work items of this PPA.` });
    if (from.id === to.id) return problems.push({ line: index, message: `${n}: choose two different items.` });
    const chains = chainsOf(line, byId);
    if (!chains)
      return problems.push({
        line: index,
        message: `${n}: “${to.title}” and “${from.title}” are in one branch; move money between items where neither contains the other.`,
      });
    outOfSource.set(from.id, (outOfSource.get(from.id) ?? 0n) + line.amount);
    for (const id of chains.out) postings.push({ lineIndex: index, workItemId: id, amountIn: 0n, amountOut: line.amount });
    for (const id of chains.in) postings.push({ lineIndex: index, workItemId: id, amountIn: line.amount, amountOut: 0n });
  });

  const available = new Map<string, Centavos>();
  for (const [sourceId, moving] of outOfSource) {
    const source = byId.get(sourceId)!;
    const free = source.adjusted - source.obligations - (input.pendingOut.get(sourceId) ?? 0n);
    available.set(sourceId, free);
    if (moving > free) {
      const line = input.lines.findIndex((l) => l.fromWorkItemId === sourceId);
      problems.push({
        line,
        message: `“${source.title}” can give at most ${formatPesos(free > 0n ? free : 0n)} (its unobligated balance, less what other pending requests move out of it); this request moves ${formatPesos(moving)}.`,
      });
    }
  }

  const after = new Map(input.items.map((i) => [i.id, i.adjusted]));
  for (const p of postings) after.set(p.workItemId, after.get(p.workItemId)! + p.amountIn - p.amountOut);
  const childSums = new Map<string, Centavos>();
  for (const item of input.items) if (item.parentId) childSums.set(item.parentId, (childSums.get(item.parentId) ?? 0n) + after.get(item.id)!);
  for (const [parentId, sum] of childSums) {
    const parent = byId.get(parentId);
    if (parent && sum > after.get(parentId)!) {
      problems.push({
        line: null,
        message: `“${parent.title}” would hold ${formatPesos(after.get(parentId)!)} but its items ${formatPesos(sum)}: no parent may be over-allocated.`,
      });
    }
  }
  for (const item of input.items) {
    if (after.get(item.id)! < 0n) problems.push({ line: null, message: `“${item.title}” would go below ₱0.00.` });
  }
  const totalAfter = root ? after.get(root.id)! : 0n;
  if (totalAfter !== totalBefore) problems.push({ line: null, message: 'A modification may not change the PPA’s total.' });

  const touched = new Set(postings.map((p) => p.workItemId));
  const changes = input.items
    .filter((i) => touched.has(i.id))
    .map((i) => ({ workItemId: i.id, title: i.title, before: i.adjusted, after: after.get(i.id)!, available: available.get(i.id) ?? null }));
  return { problems, postings, changes, totalBefore, totalAfter };
}

/** Who decides a request, from its lines (BAA No. 84, s. 49), and the steps it takes. */
export interface Routing {
  route: ModificationRoute;
  needsExecutive: boolean;
  /** The roles that decide, in order; admins may decide any step. */
  steps: UserRole[];
}

export function routeOf(
  lines: readonly { fromClass: AppropriationClass | null; toClass: AppropriationClass | null; amount: Centavos }[],
  executiveThreshold: Centavos,
): Routing {
  const crossing = lines.some((l) => l.fromClass !== l.toClass);
  if (!crossing) return { route: 'moa_head', needsExecutive: false, steps: ['moa_head'] };
  const total = lines.reduce((sum, l) => sum + l.amount, 0n);
  const needsExecutive = total > executiveThreshold;
  return { route: 'mfbm', needsExecutive, steps: needsExecutive ? ['mfbm_reviewer', 'executive'] : ['mfbm_reviewer'] };
}

/** A Financial Plan's year of obligation targets in one allotment class, as a plan revision compares them. */
export interface ClassObligations {
  allotmentClass: AppropriationClass;
  obligations: readonly Centavos[];
}

/**
 * What a plan revision moves across allotment classes: the sum of the increases of each class's year of
 * obligation targets (a balanced revision keeps the total, so this is also the sum of the decreases). Zero when
 * the revision only moves targets between quarters, or changes disbursement months or indicators.
 */
export function revisionClassShift(before: readonly ClassObligations[], after: readonly ClassObligations[]): Centavos {
  const yearOf = (plan: readonly ClassObligations[]) => {
    const totals = new Map<AppropriationClass, Centavos>();
    for (const c of plan) totals.set(c.allotmentClass, (totals.get(c.allotmentClass) ?? 0n) + c.obligations.reduce((s, a) => s + a, 0n));
    return totals;
  };
  const old = yearOf(before);
  const now = yearOf(after);
  let shift = 0n;
  for (const [cls, amount] of now) {
    const gain = amount - (old.get(cls) ?? 0n);
    if (gain > 0n) shift += gain;
  }
  return shift;
}

/**
 * Who decides a request that may carry a plan revision (docs/domain-rules.md, "Plan revisions"; BAA No. 84,
 * s. 49): moving obligation targets from one allotment class to another is a change between classes, so it goes
 * to MFBM like a line that crosses classes; a revision within each class (targets between quarters, months or
 * indicators) stays with the MOA head. The amount weighed against the executive threshold is the larger of the
 * lines' total and what the revision moves across classes, so a revision that mirrors its lines counts once.
 * `revisionShift` is null when the request carries no revision.
 */
export function routeOfRequest(
  lines: readonly { fromClass: AppropriationClass | null; toClass: AppropriationClass | null; amount: Centavos }[],
  revisionShift: Centavos | null,
  executiveThreshold: Centavos,
): Routing {
  const shift = revisionShift ?? 0n;
  const crossing = lines.some((l) => l.fromClass !== l.toClass) || shift > 0n;
  if (!crossing) return { route: 'moa_head', needsExecutive: false, steps: ['moa_head'] };
  const linesTotal = lines.reduce((sum, l) => sum + l.amount, 0n);
  const weighed = linesTotal > shift ? linesTotal : shift;
  const needsExecutive = weighed > executiveThreshold;
  return { route: 'mfbm', needsExecutive, steps: needsExecutive ? ['mfbm_reviewer', 'executive'] : ['mfbm_reviewer'] };
}

/** In the planner's words, for the form and the decision page. */
export function routeWords(routing: Pick<Routing, 'route' | 'needsExecutive'>, moaCode: string): string {
  if (routing.route === 'moa_head') return `Within one appropriation class: decided by the head of ${moaCode}.`;
  return routing.needsExecutive
    ? 'Across appropriation classes and above the threshold: MFBM reviews it, then the executive decides.'
    : 'Across appropriation classes: decided by MFBM.';
}

export const EDITABLE_STATUSES: readonly ModificationStatus[] = ['draft', 'returned'];

export type DecisionVerb = 'approve' | 'reject' | 'return';

/**
 * What a decision does to a submitted request: approving at the reviewer's step of a request that needs the
 * executive passes it on (endorse); every other approval applies it. Reject and return end its wait.
 */
export function decisionOutcome(
  verb: DecisionVerb,
  awaiting: UserRole,
  needsExecutive: boolean,
): { status: ModificationStatus; awaiting: UserRole | null; action: 'endorse' | DecisionVerb; applies: boolean } {
  if (verb === 'reject') return { status: 'rejected', awaiting: null, action: 'reject', applies: false };
  if (verb === 'return') return { status: 'returned', awaiting: null, action: 'return', applies: false };
  if (awaiting === 'mfbm_reviewer' && needsExecutive) return { status: 'submitted', awaiting: 'executive', action: 'endorse', applies: false };
  return { status: 'approved', awaiting: null, action: 'approve', applies: true };
}

/** Whether this role may decide a request that waits on `awaiting` (the MOA scope is the service's). */
export function decidesStep(role: UserRole, awaiting: UserRole | null): boolean {
  if (awaiting === null) return false;
  return role === 'admin' || role === awaiting;
}
