import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workItems } from '@/db/schema';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor, demoViewer } from '@/test/viewers';
import { manilaDay } from '../domain/schedule';
import type { ApprovalStage } from '../domain/types';
import { createApiToken, revokeApiToken } from '../services/api-tokens/api-tokens';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { AUTHORIZATION_MATRIX, CALLER_EMAILS, CALLERS, operationOf, type Caller, type MatrixKey, type MatrixRow } from '@/test/authorization-matrix';
import { handleRestRequest, openApiDocument } from './rest-handler';
import { databaseFingerprint } from '@/test/fingerprint';
import { giveBalancedPlans } from '@/test/plans';

/**
 * Every REST operation × every kind of caller answers exactly the status of AUTHORIZATION_MATRIX, and a
 * refused call (or any read) leaves the database exactly as it was.
 */

let handle: TestDatabase;
const tokens = {} as Record<Caller, string | null>;
type TrpcCaller = Awaited<ReturnType<typeof callerFor>>;
let admin: TrpcCaller;
let planner: TrpcCaller;

// Failed token look-ups (revoked, deactivated) are counted per address; here they must never reach the limit.
const limits = NEVER_BLOCKING_LIMITS;

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

function rest(call: Call, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  return handleRestRequest(new Request(`http://localhost/api/v1${call.path}`, { method: call.method, headers, body }), handle.db, { limits });
}

const fingerprint = () => databaseFingerprint(handle.db);

// Seeded rows (db/seed/seed.ts gives them stable ids).
const MSSD = stableId('moa:MSSD');
const MSSD_DRAFT = stableId('ppa:mssd-family');
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const LIVELIHOOD_ROOT = stableId('ppa:mssd-livelihood:project');
const LIVELIHOOD_EXECUTION = stableId('ppa:mssd-livelihood:item:Execution');
const VENUE_BOOKING = stableId('ppa:mssd-livelihood:item:Preparation:Venue Booking');
const INVITATIONS = stableId('ppa:mssd-livelihood:item:Preparation:Invitations');
const ME_REPORT = stableId('ppa:mssd-livelihood:item:Completion & Reporting:M&E Report');
const OVERSPEND_ALERT = stableId('ppa:mssd-livelihood:alert:venue-overspend');
const QRF = stableId('ppa:mssd-qrf');
const QRF_PREPARATION = stableId('ppa:mssd-qrf:item:Preparation');
const QRF_EXECUTION = stableId('ppa:mssd-qrf:item:Execution');
const QRF_PENDING = stableId('mssd-qrf:modification:pending');
const QRF_REJECTED = stableId('mssd-qrf:modification:rejected');
const QRF_LINE = { fromWorkItemId: QRF_PREPARATION, toWorkItemId: QRF_EXECUTION, amount: '1.00' };
const WOMEN_TRAINED = stableId('ppa:mssd-livelihood:indicator:OBC women trained');
const BALANCED_PLAN = { classes: [{ allotmentClass: 'MOOE', obligations: ['1000000', '0', '0', '0'], disbursements: Array.from({ length: 12 }, () => '0') }] };

const TODAY = manilaDay(new Date());
const YEAR = Number(TODAY.slice(0, 4));
let serial = 0;

function newPpaBody() {
  serial += 1;
  return {
    title: `Authorization matrix PPA ${serial}`,
    category: 'activity' as const,
    sector: 'social' as const,
    fiscalYear: YEAR,
    budgetCeiling: '1000000.00',
    budgetAllocation: '1000000.00',
    appropriationClass: 'MOOE' as const,
    fundingSource: 'GAAB' as const,
    moaId: MSSD,
  };
}

const STAGE_PATH: Partial<Record<ApprovalStage, ApprovalStage[]>> = {
  draft: [],
  technical_review: ['technical_review'],
  budget_review: ['technical_review', 'budget_review'],
  executive_approval: ['technical_review', 'budget_review', 'executive_approval'],
  approved: ['technical_review', 'budget_review', 'executive_approval', 'approved'],
  rejected: ['technical_review', 'rejected'],
};

/** A new MSSD PPA with its budget set, walked (by the admin) to `stage`. */
async function newPpa(stage: ApprovalStage = 'draft'): Promise<string> {
  const { id } = await planner.ppa.create(newPpaBody());
  // Budget review asks for balanced plans (docs/domain-rules.md, "Plans and targets").
  if (stage !== 'draft') await giveBalancedPlans(planner, id);
  for (const to of STAGE_PATH[stage]!) {
    await admin.ppa.transition({ id, to, comment: to === 'rejected' ? 'Outputs do not match the results matrix.' : undefined });
  }
  return id;
}

/** A new MSSD PPA with the default execution plan, unlocked: its project and its Execution activity. */
async function newTree(): Promise<{ ppaId: string; root: string; execution: string }> {
  const ppaId = await newPpa();
  const { tree } = await admin.budget.enableTracking({ id: ppaId, template: 'default' });
  const execution = tree!.children.find((c) => c.title === 'Execution')!;
  return { ppaId, root: tree!.id, execution: execution.id };
}

let tree: { ppaId: string; root: string; execution: string };
let undoTree: { ppaId: string; root: string; execution: string };
let task: string;
/** Under an approved MSSD PPA (reviewed through the workflow, so its budget is locked): where the ledger takes entries. */
let ledgerParent: string;
let ledgerTask: string;
let targetUser: string;
/** The approved PPA's Preparation (MOOE) and Completion & Reporting (set to CO): a line between them crosses classes. */
let crossFrom: string;
let crossTo: string;
let crossPpa: string;

/** A new ₱1.00 request by the MSSD planner on the Quick Response Fund (or `ppaId`), submitted unless `draft`. */
async function newRequest(options: { draft?: boolean; ppaId?: string; line?: typeof QRF_LINE } = {}): Promise<string> {
  const { id } = await planner.modification.create({
    ppaId: options.ppaId ?? QRF,
    lines: [options.line ?? QRF_LINE],
    justification: `Matrix request ${++serial}`,
  });
  if (!options.draft) await planner.modification.submit({ id });
  return id;
}
/** An MSSD draft with ₱1,000,000.00: its plans may change. */
let planTarget: string;

interface Scenario {
  /** Builds the call (and whatever it acts on); called again only after a call succeeded, if `spent`. */
  call: () => Promise<Call> | Call;
  /** A success uses the target up (a PPA moved to its next stage, a deleted item…): the next caller gets a new one. */
  spent?: boolean;
}

const transition = (from: ApprovalStage, to: ApprovalStage, comment?: string): Scenario => ({
  call: async () => ({ method: 'POST', path: `/ppas/${await newPpa(from)}/transitions`, body: { to, comment } }),
  spent: true,
});

const SCENARIOS: Record<MatrixKey, Scenario> = {
  'GET /alerts': { call: () => ({ method: 'GET', path: `/alerts?ppaId=${LIVELIHOOD}&open=true` }) },
  'POST /alerts/{id}/acknowledge': { call: () => ({ method: 'POST', path: `/alerts/${OVERSPEND_ALERT}/acknowledge` }) },
  'POST /alerts/{id}/resolve': { call: () => ({ method: 'POST', path: `/alerts/${OVERSPEND_ALERT}/resolve` }) },
  'GET /moas': { call: () => ({ method: 'GET', path: '/moas' }) },
  'GET /notifications': { call: () => ({ method: 'GET', path: '/notifications?unread=true' }) },
  'POST /notifications/{id}/read': {
    call: async () => {
      const rejected = await newPpa('rejected');
      const notice = (await planner.notification.list({})).find((n) => n.ppaId === rejected && n.kind === 'ppa_rejected')!;
      return { method: 'POST', path: `/notifications/${notice.id}/read` };
    },
  },
  'GET /portfolio': { call: () => ({ method: 'GET', path: '/portfolio?fiscalYear=2026&moa=MSSD' }) },
  'GET /portfolio/s-curve': { call: () => ({ method: 'GET', path: '/portfolio/s-curve?fiscalYear=2026&moa=MSSD' }) },
  'GET /ppas': { call: () => ({ method: 'GET', path: '/ppas?moa=MSSD' }) },
  'POST /ppas': { call: () => ({ method: 'POST', path: '/ppas', body: newPpaBody() }) },
  'GET /ppas/{id}': { call: () => ({ method: 'GET', path: `/ppas/${MSSD_DRAFT}` }) },
  'PATCH /ppas/{id}': { call: () => ({ method: 'PATCH', path: `/ppas/${MSSD_DRAFT}`, body: { description: 'Edited in the authorization matrix.' } }) },
  'PATCH /ppas/{id} — budget of the locked Livelihood PPA': {
    call: () => ({ method: 'PATCH', path: `/ppas/${LIVELIHOOD}`, body: { budgetAllocation: '4000000.00' } }),
  },
  'POST /ppas/{id}/transitions': transition('draft', 'technical_review'),
  'POST /ppas/{id}/transitions — technical → budget review': transition('technical_review', 'budget_review'),
  'POST /ppas/{id}/transitions — technical review → rejected': transition('technical_review', 'rejected', 'Outputs do not match the results matrix.'),
  'POST /ppas/{id}/transitions — budget → executive approval': transition('budget_review', 'executive_approval'),
  'POST /ppas/{id}/transitions — executive approval → approved': transition('executive_approval', 'approved'),
  'POST /ppas/{id}/transitions — approved → enacted': transition('approved', 'enacted'),
  'POST /ppas/{id}/transitions — rejected → draft (reopen)': transition('rejected', 'draft'),
  'GET /ppas/{id}/history': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/history?limit=5` }) },
  'GET /ppas/{id}/approvals': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/approvals` }) },
  'GET /reports/budget-execution.xlsx': { call: () => ({ method: 'GET', path: '/reports/budget-execution.xlsx?fiscalYear=2026&moa=MSSD' }) },
  'GET /reports/coa-variance.xlsx': { call: () => ({ method: 'GET', path: '/reports/coa-variance.xlsx?fiscalYear=2026&moa=MSSD' }) },
  'GET /reports/physical-report-of-operation.xlsx': {
    call: () => ({ method: 'GET', path: '/reports/physical-report-of-operation.xlsx?fiscalYear=2026&moa=MSSD' }),
  },
  'GET /reports/saaodb-by-quarter.xlsx': { call: () => ({ method: 'GET', path: '/reports/saaodb-by-quarter.xlsx?fiscalYear=2026&moa=MSSD' }) },
  'GET /review-queue': { call: () => ({ method: 'GET', path: '/review-queue' }) },
  'POST /ppas/{id}/enable-workitem-tracking': {
    call: async () => ({ method: 'POST', path: `/ppas/${await newPpa()}/enable-workitem-tracking`, body: { template: 'default' } }),
    spent: true,
  },
  'GET /ppas/{id}/budget-allocation-tree': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/budget-allocation-tree` }) },
  'POST /ppas/{id}/distribute-budget': {
    call: () => ({ method: 'POST', path: `/ppas/${tree.ppaId}/distribute-budget`, body: { parentId: tree.root, mode: 'equal' } }),
  },
  'POST /ppas/{id}/distribute-budget — locked Livelihood tree': {
    call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/distribute-budget`, body: { parentId: LIVELIHOOD_ROOT, mode: 'equal' } }),
  },
  'POST /ppas/{id}/preview-distribution': {
    call: () => ({ method: 'POST', path: `/ppas/${tree.ppaId}/preview-distribution`, body: { parentId: tree.root, mode: 'weighted' } }),
  },
  'GET /ppas/{id}/progress-history': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/progress-history` }) },
  'POST /ppas/{id}/undo-distribution': {
    call: async () => {
      await admin.budget.distribute({ id: undoTree.ppaId, parentId: undoTree.root, mode: 'equal' });
      return { method: 'POST', path: `/ppas/${undoTree.ppaId}/undo-distribution`, body: { parentId: undoTree.root } };
    },
    spent: true,
  },
  'POST /ppas/{id}/undo-distribution — locked Livelihood tree': {
    call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/undo-distribution`, body: { parentId: LIVELIHOOD_ROOT } }),
  },
  'POST /ppas/{id}/sync-from-workitem': { call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/sync-from-workitem` }) },
  'POST /ppas/{id}/lock-budget': {
    call: async () => ({ method: 'POST', path: `/ppas/${await newPpa()}/lock-budget`, body: { reason: 'Checked by the authorization matrix' } }),
    spent: true,
  },
  'POST /ppas/{id}/lock-budget — already locked': {
    call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/lock-budget`, body: { reason: 'Checked by the authorization matrix' } }),
  },
  'POST /ppas/{id}/unlock-budget': {
    call: async () => {
      const id = await newPpa();
      await admin.budget.lockBudget({ id, reason: 'Locked for the authorization matrix' });
      return { method: 'POST', path: `/ppas/${id}/unlock-budget`, body: { reason: 'Checked by the authorization matrix' } };
    },
    spent: true,
  },
  'GET /ppas/{id}/plan': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/plan` }) },
  'PUT /ppas/{id}/plan/financial': { call: () => ({ method: 'PUT', path: `/ppas/${planTarget}/plan/financial`, body: BALANCED_PLAN }) },
  'PUT /ppas/{id}/plan/financial — locked Livelihood plan': {
    call: () => ({
      method: 'PUT',
      path: `/ppas/${LIVELIHOOD}/plan/financial`,
      body: { classes: [{ ...BALANCED_PLAN.classes[0], obligations: ['5000000', '0', '0', '0'] }] },
    }),
  },
  'GET /ppas/{id}/plan/financial/proposal': { call: () => ({ method: 'GET', path: `/ppas/${LIVELIHOOD}/plan/financial/proposal` }) },
  'PUT /ppas/{id}/plan/indicators': {
    call: () => ({
      method: 'PUT',
      path: `/ppas/${planTarget}/plan/indicators`,
      body: { indicators: [{ name: 'Households reached', unit: 'households', annualTarget: '40', quarterTargets: ['10', '10', '10', '10'] }] },
    }),
  },
  'POST /ppas/{id}/plan/accomplishments': {
    call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/plan/accomplishments`, body: { indicatorKey: WOMEN_TRAINED, quarter: 1, accomplished: '0' } }),
  },
  'POST /ppas/{id}/plan/accomplishments — short, unexplained': {
    call: () => ({ method: 'POST', path: `/ppas/${LIVELIHOOD}/plan/accomplishments`, body: { indicatorKey: WOMEN_TRAINED, quarter: 2, accomplished: '10' } }),
  },
  'GET /users': { call: () => ({ method: 'GET', path: '/users' }) },
  'POST /users': {
    call: () => ({ method: 'POST', path: '/users', body: { email: `matrix.${++serial}@mssd.example`, name: 'Matrix Viewer', role: 'viewer', moaId: MSSD } }),
    spent: true,
  },
  'PATCH /users/{id}': { call: () => ({ method: 'PATCH', path: `/users/${targetUser}`, body: { name: 'Renamed by the matrix' } }) },
  'POST /users/{id}/password-link': { call: () => ({ method: 'POST', path: `/users/${targetUser}/password-link` }) },
  'POST /work-items': {
    call: () => ({ method: 'POST', path: '/work-items', body: { parentId: tree.execution, title: 'Added by the matrix', workType: 'task' } }),
  },
  'POST /work-items — funded, in the locked Livelihood tree': {
    call: () => ({
      method: 'POST',
      path: '/work-items',
      body: { parentId: LIVELIHOOD_EXECUTION, title: 'Funded late', workType: 'task', allocatedBudget: '1.00' },
    }),
  },
  'PATCH /work-items/{id}': { call: () => ({ method: 'PATCH', path: `/work-items/${task}`, body: { title: 'Renamed by the matrix' } }) },
  'PATCH /work-items/{id} — allocation in the locked Livelihood tree': {
    call: () => ({ method: 'PATCH', path: `/work-items/${VENUE_BOOKING}`, body: { allocatedBudget: '1.00' } }),
  },
  'DELETE /work-items/{id}': {
    call: async () => {
      const added = await planner.workItem.add({ parentId: tree.execution, title: 'To be deleted', workType: 'task' });
      return { method: 'DELETE', path: `/work-items/${added.id}` };
    },
    spent: true,
  },
  'DELETE /work-items/{id} — funded, in the locked Livelihood tree': { call: () => ({ method: 'DELETE', path: `/work-items/${ME_REPORT}` }) },
  'POST /work-items/{id}/move': { call: () => ({ method: 'POST', path: `/work-items/${task}/move`, body: { parentId: tree.execution, position: 0 } }) },
  'POST /work-items/{id}/move — funded, in the locked Livelihood tree': {
    call: () => ({ method: 'POST', path: `/work-items/${INVITATIONS}/move`, body: { parentId: LIVELIHOOD_EXECUTION, position: 0 } }),
  },
  'POST /work-items/{id}/expenditures': {
    call: () => ({
      method: 'POST',
      path: `/work-items/${ledgerTask}/expenditures`,
      body: { amount: '100.00', date: TODAY, description: 'Spent in the authorization matrix' },
    }),
  },
  'POST /work-items/{id}/expenditures — PPA still a draft': {
    call: () => ({
      method: 'POST',
      path: `/work-items/${task}/expenditures`,
      body: { kind: 'obligation', amount: '100.00', date: TODAY, description: 'Obligated too early' },
    }),
  },
  'POST /work-items/{id}/expenditures — above its obligations': {
    call: () => ({
      method: 'POST',
      path: `/work-items/${ledgerTask}/expenditures`,
      body: { amount: '1000000.00', date: TODAY, description: 'Paid beyond the contract' },
    }),
  },
  'POST /expenditures/{id}/reverse': {
    call: async () => {
      const entry = await planner.workItem.recordExpenditure({
        id: ledgerTask,
        kind: 'obligation',
        amount: '250.00',
        date: TODAY,
        description: 'Obligated in the authorization matrix',
        referenceNo: 'ORS-MATRIX',
      });
      return { method: 'POST', path: `/expenditures/${entry.id}/reverse`, body: { reason: 'Recorded on the wrong item' } };
    },
    spent: true,
  },
  'POST /expenditures/{id}/reverse — already reversed': {
    call: async () => {
      const entry = await planner.workItem.recordExpenditure({
        id: ledgerTask,
        amount: '75.00',
        date: TODAY,
        description: 'Reversed in the authorization matrix',
      });
      await planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Duplicate voucher' });
      return { method: 'POST', path: `/expenditures/${entry.id}/reverse`, body: { reason: 'Reversed a second time' } };
    },
  },
  'POST /expenditures/{id}/reverse — obligation already paid': {
    call: async () => {
      const { id } = await planner.workItem.add({ parentId: ledgerParent, title: `Paid task ${++serial}`, workType: 'task' });
      const obligation = await planner.workItem.recordExpenditure({
        id,
        kind: 'obligation',
        amount: '50.00',
        date: TODAY,
        description: 'Hall contract',
        referenceNo: 'ORS-PAID',
      });
      await planner.workItem.recordExpenditure({ id, amount: '50.00', date: TODAY, description: 'Hall paid', referenceNo: 'DV-PAID' });
      return { method: 'POST', path: `/expenditures/${obligation.id}/reverse`, body: { reason: 'Contract cancelled' } };
    },
  },
  'GET /work-items/{id}/expenditures': { call: () => ({ method: 'GET', path: `/work-items/${VENUE_BOOKING}/expenditures` }) },
  'GET /modifications': { call: () => ({ method: 'GET', path: '/modifications?status=submitted' }) },
  'GET /modifications/{id}': { call: () => ({ method: 'GET', path: `/modifications/${QRF_PENDING}` }) },
  'POST /ppas/{ppaId}/modifications/preview': { call: () => ({ method: 'POST', path: `/ppas/${QRF}/modifications/preview`, body: { lines: [QRF_LINE] } }) },
  'POST /ppas/{ppaId}/modifications': {
    call: () => ({ method: 'POST', path: `/ppas/${QRF}/modifications`, body: { lines: [QRF_LINE], justification: 'Drafted by the matrix' } }),
  },
  'POST /ppas/{ppaId}/modifications — budget not locked': {
    call: () => ({
      method: 'POST',
      path: `/ppas/${tree.ppaId}/modifications`,
      body: { lines: [{ fromWorkItemId: tree.root, toWorkItemId: tree.execution, amount: '1.00' }], justification: 'Too early' },
    }),
  },
  'PUT /modifications/{id}': {
    call: async () => ({
      method: 'PUT',
      path: `/modifications/${await newRequest({ draft: true })}`,
      body: { lines: [QRF_LINE], justification: 'Edited by the matrix' },
    }),
  },
  'PUT /modifications/{id} — already submitted': {
    call: () => ({ method: 'PUT', path: `/modifications/${QRF_PENDING}`, body: { lines: [QRF_LINE], justification: 'Too late' } }),
  },
  'POST /modifications/{id}/submit': {
    call: async () => ({ method: 'POST', path: `/modifications/${await newRequest({ draft: true })}/submit` }),
    spent: true,
  },
  'POST /modifications/{id}/withdraw': { call: async () => ({ method: 'POST', path: `/modifications/${await newRequest()}/withdraw`, body: {} }), spent: true },
  'POST /modifications/{id}/decision': {
    call: async () => ({ method: 'POST', path: `/modifications/${await newRequest()}/decision`, body: { decision: 'approve' } }),
    spent: true,
  },
  'POST /modifications/{id}/decision — across classes': {
    call: async () => ({
      method: 'POST',
      path: `/modifications/${await newRequest({ ppaId: crossPpa, line: { fromWorkItemId: crossFrom, toWorkItemId: crossTo, amount: '1.00' } })}/decision`,
      body: { decision: 'approve' },
    }),
    spent: true,
  },
  'POST /modifications/{id}/decision — already decided': {
    call: () => ({ method: 'POST', path: `/modifications/${QRF_REJECTED}/decision`, body: { decision: 'approve' } }),
  },
};

const CODE_OF_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  admin = await callerFor(handle.db, CALLER_EMAILS.admin);
  planner = await callerFor(handle.db, CALLER_EMAILS.planner);
  tokens.anonymous = null;
  for (const [caller, email] of Object.entries(CALLER_EMAILS)) {
    tokens[caller as Caller] = (await createApiToken({ db: handle.db, viewer: await demoViewer(handle.db, email), name: 'authorization matrix' })).token;
  }

  // The strongest tokens there are (an admin's), so a revocation or deactivation that did not hold would show.
  const adminViewer = await demoViewer(handle.db, CALLER_EMAILS.admin);
  const revoked = await createApiToken({ db: handle.db, viewer: adminViewer, name: 'to be revoked' });
  expect((await rest({ method: 'GET', path: '/users' }, revoked.token)).status).toBe(200);
  await revokeApiToken({ db: handle.db, viewer: adminViewer, tokenId: revoked.id });
  tokens.revoked = revoked.token;

  const { user: leaving } = await admin.user.create({ email: 'leaving.admin@example.org', name: 'Leaving Admin', role: 'admin' });
  const deactivated = await createApiToken({ db: handle.db, viewer: await demoViewer(handle.db, 'leaving.admin@example.org'), name: 'outlives its user' });
  expect((await rest({ method: 'GET', path: '/users' }, deactivated.token)).status).toBe(200);
  await admin.user.update({ id: leaving.id, active: false });
  tokens.deactivated = deactivated.token;

  tree = await newTree();
  undoTree = await newTree();
  task = (await planner.workItem.add({ parentId: tree.execution, title: 'Matrix task', workType: 'task' })).id;
  crossPpa = await newPpa('approved');
  const approved = await admin.budget.allocationTree({ id: crossPpa });
  ledgerParent = approved.tree!.children.find((c) => c.title === 'Execution')!.id;
  crossFrom = approved.tree!.children.find((c) => c.title === 'Preparation')!.id;
  crossTo = approved.tree!.children.find((c) => c.title === 'Completion & Reporting')!.id;
  await handle.db.update(workItems).set({ appropriationClass: 'CO' }).where(eq(workItems.id, crossTo));
  ledgerTask = (await planner.workItem.add({ parentId: ledgerParent, title: 'Matrix ledger task', workType: 'task' })).id;
  await planner.workItem.recordExpenditure({
    id: ledgerTask,
    kind: 'obligation',
    amount: '10000.00',
    date: TODAY,
    description: 'Obligated for the matrix',
    referenceNo: 'ORS-MATRIX',
  });
  planTarget = await newPpa();
  targetUser = (await admin.user.create({ email: 'matrix.target@mssd.example', name: 'Matrix Target', role: 'viewer', moaId: MSSD })).user.id;
});
afterAll(() => handle?.close());

describe('the authorization matrix', () => {
  it('has a row for every operation of the OpenAPI document, and none for an operation it does not have', () => {
    const methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];
    const documented = Object.entries(openApiDocument('http://localhost').paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((key) => methods.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tabled = new Set(Object.keys(AUTHORIZATION_MATRIX).map(operationOf));
    expect([...tabled].sort()).toEqual([...new Set(documented)].sort());
  });

  for (const [key, expected] of Object.entries(AUTHORIZATION_MATRIX) as [MatrixKey, MatrixRow][]) {
    it(key, async () => {
      const scenario = SCENARIOS[key];
      const actual = { target: expected.target } as MatrixRow;
      const problems: string[] = [];
      let call: Call | null = null;
      for (const caller of CALLERS) {
        call ??= await scenario.call();
        const before = await fingerprint();
        const res = await rest(call, tokens[caller]);
        actual[caller] = res.status as MatrixRow[Caller];
        if (res.status >= 400) {
          const body = (await res.json()) as { code?: string; message?: string };
          if (body.code !== CODE_OF_STATUS[res.status] || !body.message) problems.push(`${caller}: ${res.status} with ${JSON.stringify(body)}`);
        }
        if (res.status >= 400 || call.method === 'GET') {
          const after = await fingerprint();
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length) problems.push(`${caller}: ${call.method} answered ${res.status} but changed ${changed.join(', ')}`);
        }
        if (res.ok && scenario.spent) call = null;
      }
      expect(actual).toEqual(expected);
      expect(problems).toEqual([]);
    });
  }
});
