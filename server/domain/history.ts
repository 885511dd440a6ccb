import { isTimestampText, manilaMomentText } from './manila-time';
import { formatPesos, parsePesos } from './money';
import { STAGE_WORDS } from './workflow';
import type { ApprovalStage } from './types';

/**
 * A PPA's history in planner words (docs/domain-rules.md, "History"): each audit row becomes what happened
 * ("Distributed the budget of “Execution” equally") and the values it changed, old → new, amounts as pesos.
 * The audit rows' before/after are JSON whose shape depends on the action, so every read here is defensive:
 * an unexpected shape reads as a plain line, never an error.
 */

export interface AuditFacts {
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface HistoryChange {
  label: string;
  before: string | null;
  after: string | null;
}

export interface HistoryDescription {
  summary: string;
  changes: HistoryChange[];
}

/** A work item's current title by id; undefined for one deleted since. */
export type TitleOf = (workItemId: string) => string | undefined;

type Json = Record<string, unknown>;

const objectOf = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** "4500000.00" → "₱4,500,000.00"; anything that is not an amount as it is. */
export function pesosText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  try {
    return formatPesos(parsePesos(text));
  } catch {
    return text;
  }
}

const AMOUNT_FIELDS = new Set(['budgetCeiling', 'budgetAllocation', 'allocatedBudget', 'allocated', 'amount']);

const FIELD_LABELS: Record<string, string> = {
  allocatedBudget: 'Allocation',
  budgetAllocation: 'Budget allocation',
  budgetCeiling: 'Budget ceiling',
  moaId: 'Implementing MOA',
  fundingSourceDetail: 'Funding source (detail)',
  targetEndDate: 'Target end date',
  actualEndDate: 'Actual end date',
  enableWorkItemTracking: 'Execution tracking',
  budgetDistributionPolicy: 'Distribution policy',
  autoSyncProgress: 'Sync progress from work items',
  autoSyncStatus: 'Sync status from work items',
  approvalStage: 'Approval stage',
  workType: 'Type',
  budgetNotes: 'Budget notes',
  parentId: 'Parent',
  sortOrder: 'Place',
};

/** "fundingSource" → "Funding source". */
export function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LONG_TEXT = 120;

/** A field's value as a planner reads it: pesos for amounts, yes/no, Manila time for moments, words for codes, a long text shortened. */
export function fieldValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (AMOUNT_FIELDS.has(key)) return pesosText(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'progress' && typeof value === 'number') return `${value}%`;
  if (key === 'approvalStage' && typeof value === 'string' && value in STAGE_WORDS) return STAGE_WORDS[value as ApprovalStage];
  if (typeof value === 'string' && isTimestampText(value)) return manilaMomentText(new Date(value));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[a-z]+(_[a-z]+)+$/.test(text)) return text.replaceAll('_', ' ');
  return text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT - 1)}…` : text;
}

/** The fields an edit changed, old → new; ids that mean nothing to a reader are left out. */
function fieldChanges(before: unknown, after: unknown, hidden: readonly string[] = []): HistoryChange[] {
  const old = objectOf(before) ?? {};
  const next = objectOf(after) ?? {};
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((k) => !hidden.includes(k));
  return keys.map((k) => ({ label: fieldLabel(k), before: fieldValue(k, old[k]), after: fieldValue(k, next[k]) })).filter((c) => c.before !== c.after);
}

interface Allocation {
  workItemId: string;
  amount: string;
}

function allocationsOf(value: unknown): Allocation[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const o = objectOf(v);
    const workItemId = textOf(o?.workItemId);
    const amount = textOf(o?.amount);
    return workItemId && amount ? [{ workItemId, amount }] : [];
  });
}

const quoted = (title: string) => `“${title}”`;
const itemName = (titleOf: TitleOf, id: string | null | undefined, fallback = 'a deleted work item') => (id && titleOf(id) ? quoted(titleOf(id)!) : fallback);

/** Each item's allocation before → after, in the order given, leaving out those that did not change. */
function allocationChanges(before: unknown, after: unknown, titleOf: TitleOf): HistoryChange[] {
  const old = new Map(allocationsOf(before).map((a) => [a.workItemId, a.amount]));
  const next = allocationsOf(after);
  const ids = [...new Set([...next.map((a) => a.workItemId), ...old.keys()])];
  const nextById = new Map(next.map((a) => [a.workItemId, a.amount]));
  return ids
    .map((id) => ({ label: titleOf(id) ?? 'A deleted work item', before: pesosText(old.get(id)), after: pesosText(nextById.get(id)) }))
    .filter((c) => c.before !== c.after);
}

const DISTRIBUTION_WORDS: Record<string, string> = { equal: 'equally', weighted: 'by weight', manual: 'by hand' };

const DECISION_WORDS: Record<string, string> = {
  submit: 'Submitted for review',
  approve: 'Approved',
  return: 'Returned for changes',
  reject: 'Rejected',
  reopen: 'Reopened as a draft',
};

function describePpa(facts: AuditFacts): HistoryDescription {
  const { action, before, after } = facts;
  switch (action) {
    case 'create':
      return {
        summary: 'Created the PPA',
        changes: fieldChanges(null, objectOf(after) ? pick(after, ['title', 'budgetCeiling', 'budgetAllocation', 'fiscalYear']) : null),
      };
    case 'update':
      return { summary: 'Edited the PPA', changes: fieldChanges(before, after, ['moaId']) };
    case 'transition': {
      const decision = textOf(objectOf(after)?.decision) ?? '';
      return { summary: DECISION_WORDS[decision] ?? 'Moved to another approval stage', changes: fieldChanges(before, pick(after, ['approvalStage'])) };
    }
    case 'sync_from_work_items':
      return { summary: 'Synced progress and status from the work items', changes: fieldChanges(before, after) };
    case 'activate_execution':
      return { summary: 'Started execution on enactment', changes: [] };
    default:
      return generic(facts);
  }
}

function pick(value: unknown, keys: readonly string[]): Json {
  const o = objectOf(value) ?? {};
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

function describeWorkItem(facts: AuditFacts, titleOf: TitleOf): HistoryDescription {
  const { action, entityId, before, after } = facts;
  const own = objectOf(after) ?? objectOf(before);
  const name = titleOf(entityId) ? quoted(titleOf(entityId)!) : textOf(own?.title) ? quoted(textOf(own?.title)!) : 'a deleted work item';
  switch (action) {
    case 'enable_tracking': {
      const o = objectOf(after) ?? {};
      const children = Array.isArray(o.children) ? o.children.map(objectOf).filter((c): c is Json => c !== null) : [];
      const template = textOf(o.template);
      return {
        summary: template === 'empty' ? 'Enabled execution tracking with an empty plan' : 'Enabled execution tracking with the default plan',
        changes: [
          { label: 'Project allocation', before: null, after: pesosText(o.allocated) },
          ...children.map((c) => ({ label: textOf(c.title) ?? 'Item', before: null, after: pesosText(c.allocated) })),
        ],
      };
    }
    case 'add':
      return {
        summary: `Added ${name}`,
        changes: fieldChanges(null, pick(after, ['workType', 'allocatedBudget'])).filter((c) => c.label !== 'Allocation' || c.after !== '₱0.00'),
      };
    case 'update':
      return { summary: `Edited ${name}`, changes: fieldChanges(before, after) };
    case 'move': {
      const parentId = textOf(objectOf(after)?.parentId);
      return { summary: `Moved ${name} under ${itemName(titleOf, parentId, 'another item')}`, changes: [] };
    }
    case 'reorder':
      return { summary: `Reordered ${name} among its siblings`, changes: [] };
    case 'delete': {
      const removed = Array.isArray(before) ? before.map(objectOf).filter((r): r is Json => r !== null) : [];
      const first = removed.find((r) => r.id === entityId) ?? removed[0];
      const title = textOf(first?.title);
      const more = removed.length > 1 ? ` and ${removed.length - 1} item${removed.length > 2 ? 's' : ''} under it` : '';
      return { summary: `Deleted ${title ? quoted(title) : 'a work item'}${more}`, changes: fieldChanges(pick(first, ['allocatedBudget']), null) };
    }
    default:
      return generic(facts);
  }
}

function describeBudget(facts: AuditFacts, titleOf: TitleOf): HistoryDescription {
  const { action, entityId, before, after } = facts;
  if (action.startsWith('distribute_')) {
    const how = DISTRIBUTION_WORDS[action.slice('distribute_'.length)] ?? '';
    return { summary: `Distributed the budget of ${itemName(titleOf, entityId)} ${how}`.trim(), changes: allocationChanges(before, after, titleOf) };
  }
  switch (action) {
    case 'undo_distribution':
      return { summary: `Undid the last distribution under ${itemName(titleOf, entityId)}`, changes: allocationChanges(before, after, titleOf) };
    case 'save_allocation_draft':
      return { summary: 'Saved the co-edited allocation form', changes: allocationChanges(before, after, titleOf) };
    case 'lock':
      return { summary: 'Locked the budget', changes: [] };
    case 'unlock':
      return { summary: 'Unlocked the budget', changes: [] };
    default:
      return generic(facts);
  }
}

function describeExpenditure(facts: AuditFacts, titleOf: TitleOf): HistoryDescription {
  const { action, before, after } = facts;
  const entry = objectOf(action === 'reverse' ? before : after) ?? {};
  const kind = textOf(entry.kind) ?? 'disbursement';
  const amount = pesosText(entry.amount) ?? '';
  const on = itemName(titleOf, textOf(entry.workItemId));
  const details: HistoryChange[] = [
    { label: 'Date', before: null, after: textOf(entry.date) },
    { label: 'Description', before: null, after: fieldValue('description', entry.description) },
    { label: 'Reference no.', before: null, after: textOf(entry.referenceNo) },
  ].filter((c) => c.after !== null);
  if (action === 'record') return { summary: `Recorded ${kind === 'obligation' ? 'an obligation' : 'a disbursement'} of ${amount} on ${on}`, changes: details };
  if (action === 'reverse')
    return { summary: `Reversed ${kind === 'obligation' ? 'an obligation' : 'a disbursement'} of ${amount} on ${on}`, changes: details };
  return generic(facts);
}

function describeAlert(facts: AuditFacts): HistoryDescription {
  const title = textOf(objectOf(facts.after)?.title);
  const what = title ? `the alert ${quoted(title)}` : 'an alert';
  if (facts.action === 'acknowledge') return { summary: `Acknowledged ${what}`, changes: [] };
  if (facts.action === 'resolve') return { summary: `Resolved ${what}`, changes: [] };
  return generic(facts);
}

const QUARTER_LABELS = ['Q1', 'Q2', 'Q3', 'Q4'];

/** The Budget Execution Documents: plan saves, accomplishments, the lock and revisions. */
function describePlan(facts: AuditFacts): HistoryDescription {
  const before = objectOf(facts.before);
  const after = objectOf(facts.after);
  const version = (o: Json | null) => (typeof o?.version === 'number' ? o.version : null);
  switch (facts.action) {
    case 'lock':
      return { summary: `Locked plan version ${version(after) ?? ''} with the budget`.replace('  ', ' '), changes: [] };
    case 'revise':
      return { summary: `Started plan version ${version(after)}, a revision of version ${version(before)}`, changes: [] };
    case 'revision_drafted':
      return { summary: `Drafted plan version ${version(after)} as the plan revision of a modification request`, changes: [] };
    case 'revision_applied':
      return { summary: `Applied plan version ${version(after)} (revising version ${version(before)}) with its approved modification request`, changes: [] };
    case 'revision_dropped':
      return {
        summary: `Dropped plan version ${version(before)}, a plan revision its modification request no longer carries (rejected, withdrawn or removed)`,
        changes: [],
      };
    case 'save_financial_plan': {
      const obligationsOf = (o: Json | null) => {
        const classes = Array.isArray(o?.classes) ? (o.classes as Json[]) : [];
        return QUARTER_LABELS.map((_, q) =>
          classes.reduce((sum, c) => sum + (Array.isArray(c.obligations) ? parsePesos(String(c.obligations[q] ?? '0')) : 0n), 0n),
        );
      };
      const old = before ? obligationsOf(before) : null;
      const now = obligationsOf(after);
      const changes = QUARTER_LABELS.map((label, q) => ({
        label: `${label} obligations`,
        before: old ? formatPesos(old[q]!) : null,
        after: formatPesos(now[q]!),
      })).filter((c) => c.before !== c.after);
      return { summary: 'Saved the Financial Plan', changes };
    }
    case 'save_indicators': {
      const names = (o: Json | null) => (Array.isArray(o?.indicators) ? (o.indicators as Json[]).map((i) => textOf(i.name) ?? '').join(', ') : '');
      return {
        summary: 'Saved the Physical Plan’s indicators',
        changes: [{ label: 'Indicators', before: names(before) || null, after: names(after) || null }],
      };
    }
    case 'record_accomplishment': {
      const quarter = typeof after?.quarter === 'number' ? `Q${after.quarter}` : 'a quarter';
      return {
        summary: `Recorded the ${quarter} accomplishment of ${quoted(textOf(after?.indicator) ?? 'an indicator')}`,
        changes: [
          { label: 'Accomplished', before: textOf(before?.accomplished), after: textOf(after?.accomplished) },
          { label: 'Explanation', before: textOf(before?.explanation), after: textOf(after?.explanation) },
        ].filter((c) => c.before !== c.after),
      };
    }
    default:
      return generic(facts);
  }
}

/** An action this module does not know yet: its words from its codes, and whatever fields it changed. */
function generic(facts: AuditFacts): HistoryDescription {
  const words = `${facts.entityType} ${facts.action}`.replaceAll('_', ' ');
  return {
    summary: words.charAt(0).toUpperCase() + words.slice(1),
    changes: objectOf(facts.before) || objectOf(facts.after) ? fieldChanges(facts.before, facts.after) : [],
  };
}

const MODIFICATION_WORDS: Record<string, string> = {
  modification_drafted: 'Drafted a modification request',
  modification_submitted: 'Submitted a modification request',
  modification_endorsed: 'Endorsed a modification request to the executive',
  modification_approved: 'Approved a modification request',
  modification_rejected: 'Rejected a modification request',
  modification_returned: 'Returned a modification request for revision',
  modification_withdrawn: 'Withdrew a modification request',
};

/** A modification request's steps, and its application: each item's adjusted allocation before → after. */
function describeModification(facts: AuditFacts, titleOf: TitleOf): HistoryDescription {
  if (facts.action === 'modification_applied')
    return { summary: 'Applied an approved modification as transfers', changes: allocationChanges(facts.before, facts.after, titleOf) };
  const total = pesosText(objectOf(facts.after)?.total);
  const summary = MODIFICATION_WORDS[facts.action];
  if (!summary) return generic(facts);
  return { summary: total ? `${summary} (${total})` : summary, changes: [] };
}

export function describeAuditEntry(facts: AuditFacts, titleOf: TitleOf): HistoryDescription {
  switch (facts.entityType) {
    case 'ppa':
      return describePpa(facts);
    case 'work_item':
      return describeWorkItem(facts, titleOf);
    case 'budget':
      return describeBudget(facts, titleOf);
    case 'expenditure':
      return describeExpenditure(facts, titleOf);
    case 'alert':
      return describeAlert(facts);
    case 'modification':
      return describeModification(facts, titleOf);
    case 'plan':
      return describePlan(facts);
    default:
      return generic(facts);
  }
}

/** The work item ids an audit row names (its own, its parent's, its allocations'), to look their titles up at once. */
export function workItemIdsIn(facts: AuditFacts): string[] {
  const ids = new Set<string>();
  if (facts.entityType === 'work_item' || facts.entityType === 'budget') ids.add(facts.entityId);
  for (const side of [facts.before, facts.after]) {
    for (const a of allocationsOf(side)) ids.add(a.workItemId);
    const o = objectOf(side);
    for (const key of ['workItemId', 'parentId']) {
      const id = textOf(o?.[key]);
      if (id) ids.add(id);
    }
  }
  return [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
}
