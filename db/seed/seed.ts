import type { Database, Transaction } from '../index';
import { alerts, approvalDecisions, auditLog, expenditureEntries, moas, ppas, progressSnapshots, users, workItems } from '../schema';
import {
  approvalLockReason,
  budgetLockRecord,
  executionActivatedRecord,
  stageMoveRecord,
  trackingEnabledRecord,
  type AuditRecord,
} from '../../server/domain/audit-records';
import { parsePesos, toPesoString } from '../../server/domain/money';
import type { ApprovalDecision, ApprovalStage, UserRole } from '../../server/domain/types';
import { locksBudget } from '../../server/domain/workflow';
import type { CreatePpaRequest } from '../../server/contracts/ppa';
import type { ExpenditureResponse, WorkItemResponse } from '../../server/contracts/work-item';
import { progressOf } from '../../server/domain/progress';
import { defaultWbsTemplate } from '../../server/domain/wbs-templates';
import { hashPassword } from '../../server/lib/passwords';
import {
  DEMO_MOAS,
  DEMO_PASSWORD,
  DEMO_PPAS,
  DEMO_USERS,
  LIVELIHOOD_EXPENDITURES,
  LIVELIHOOD_PROGRESS_HISTORY,
  LIVELIHOOD_TREE,
  type DemoPpa,
} from './demo-data';
import { seedDemoModifications } from './modifications-demo';
import { seedPlans } from './plans';
import { stableId } from './stable-id';

const FORWARD: ApprovalStage[] = ['draft', 'technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval', 'approved', 'enacted'];
const DAY = 24 * 60 * 60 * 1000;

interface Step {
  from: ApprovalStage;
  to: ApprovalStage;
  decision: ApprovalDecision;
  by: UserRole;
  comment: string | null;
}

/** The decisions that brought a PPA to its stage, each made by the role the workflow gives it to. */
function stepsTo(stage: ApprovalStage): Step[] {
  if (stage === 'rejected') {
    return [
      { from: 'draft', to: 'technical_review', decision: 'submit', by: 'planner', comment: 'Submitted for technical review.' },
      {
        from: 'technical_review',
        to: 'rejected',
        decision: 'reject',
        by: 'mfbm_reviewer',
        comment: 'Outputs do not match the BDP results matrix; revise the indicators and resubmit.',
      },
    ];
  }
  const steps: Step[] = [];
  for (let i = 1; i <= FORWARD.indexOf(stage); i++) {
    const from = FORWARD[i - 1]!;
    const to = FORWARD[i]!;
    const by: UserRole = from === 'draft' ? 'planner' : from === 'executive_approval' || from === 'approved' ? 'executive' : 'mfbm_reviewer';
    steps.push({ from, to, decision: from === 'draft' ? 'submit' : 'approve', by, comment: from === 'draft' ? 'Submitted for technical review.' : null });
  }
  return steps;
}

/**
 * The Livelihood Training progress, derived by the sync rule (budget-weighted) from its leaves' own
 * progress, so the seeded figures are what "Sync from work items" would write.
 */
function livelihoodProgress(budget: bigint): { project: number; phases: Map<string, number> } {
  const phases = defaultWbsTemplate('activity', budget).map((phase) => ({
    title: phase.title,
    node: {
      status: 'in_progress' as const,
      progress: 0,
      allocated: phase.allocatedCentavos,
      children: LIVELIHOOD_TREE[phase.title as keyof typeof LIVELIHOOD_TREE].map((leaf) => ({
        status: leaf.status,
        progress: leaf.progress,
        allocated: parsePesos(leaf.amount),
        children: [],
      })),
    },
  }));
  const project = progressOf({ status: 'in_progress', progress: 0, allocated: budget, children: phases.map((p) => p.node) }, 'budget_weighted');
  return { project, phases: new Map(phases.map((p) => [p.title, progressOf(p.node, 'budget_weighted')])) };
}

const isTracked = (stage: ApprovalStage) => stage !== 'draft' && stage !== 'rejected';

/** An audit row as the app writes it (server/services/audit.ts), at its moment in the demo's past. */
interface SeedAudit extends AuditRecord {
  actorId: string | null;
  at: Date;
}

const later = (moment: Date, ms: number) => new Date(moment.getTime() + ms);

async function writeSeedAudit(tx: Transaction, ppaId: string, rows: readonly SeedAudit[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(auditLog).values(
    rows.map((row) => ({
      ppaId,
      entityType: row.entityType,
      entityId: row.entityId,
      action: row.action,
      before: row.before ?? null,
      after: row.after ?? null,
      reason: row.reason ?? null,
      actorId: row.actorId,
      createdAt: row.at,
    })),
  );
}
const isLocked = (stage: ApprovalStage) => FORWARD.indexOf(stage) > FORWARD.indexOf('budget_review');

/**
 * Writes the demo data (README "Demo accounts"). Idempotent: every row has a stable id or a unique
 * key, and rows already there are left as they are.
 */
export async function seedDemoData(db: Database, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx
      .insert(moas)
      .values(DEMO_MOAS.map((m) => ({ id: stableId(`moa:${m.code}`), ...m })))
      .onConflictDoNothing();
    const moaIds = new Map((await tx.select({ id: moas.id, code: moas.code }).from(moas)).map((m) => [m.code, m.id]));

    await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          id: stableId(`user:${u.email}`),
          email: u.email,
          name: u.name,
          role: u.role,
          moaId: u.moa ? moaIds.get(u.moa)! : null,
          passwordHash,
        })),
      )
      .onConflictDoNothing();
    const userIdByEmail = new Map((await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
    const actorFor = (role: UserRole, moa: string) => {
      if (role === 'planner') {
        const planner = DEMO_USERS.find((u) => u.role === 'planner' && u.moa === moa);
        return userIdByEmail.get(planner?.email ?? 'admin@example.org')!;
      }
      return userIdByEmail.get(DEMO_USERS.find((u) => u.role === role)!.email)!;
    };

    for (const demo of DEMO_PPAS) {
      await seedPpa(tx, demo, moaIds.get(demo.moa)!, actorFor, now);
    }
    await seedDemoModifications(tx, (email) => userIdByEmail.get(email)!, now);
  });
}

async function seedPpa(tx: Transaction, demo: DemoPpa, moaId: string, actorFor: (role: UserRole, moa: string) => string, now: Date): Promise<void> {
  const ppaId = stableId(`ppa:${demo.key}`);
  const steps = stepsTo(demo.stage);
  // Decisions five days apart, the last one two days ago (reviews have been waiting a realistic while), or
  // on the day given, before the PPA's seeded execution began.
  const lastDecision = demo.decisionsEndOn ? new Date(`${demo.decisionsEndOn}T10:00:00+08:00`) : new Date(now.getTime() - 2 * DAY);
  const decidedAt = steps.map((_, i) => new Date(lastDecision.getTime() - (steps.length - 1 - i) * 5 * DAY));
  const leftBudgetReviewAt = decidedAt[steps.findIndex((s) => s.from === 'budget_review')];
  const allocation = demo.allocation === undefined ? demo.budget : demo.allocation;
  const enacted = demo.stage === 'enacted';
  const livelihood = demo.key === 'mssd-livelihood';
  const progress = livelihood && allocation ? livelihoodProgress(parsePesos(allocation)) : null;

  const inserted = await tx
    .insert(ppas)
    .values({
      id: ppaId,
      title: demo.title,
      description: demo.description ?? '',
      moaId,
      category: demo.category,
      sector: demo.sector,
      appropriationClass: demo.appropriationClass,
      fundingSource: demo.fundingSource,
      fundingSourceDetail: fundingDetailOf(demo),
      fiscalYear: demo.fiscalYear,
      budgetCeiling: demo.budget,
      budgetAllocation: allocation,
      status: enacted ? 'ongoing' : 'planning',
      progress: progress?.project ?? 0,
      startDate: `${demo.fiscalYear}-02-01`,
      targetEndDate: `${demo.fiscalYear}-12-15`,
      approvalStage: demo.stage,
      stageEnteredAt: decidedAt.at(-1) ?? now,
      enableWorkItemTracking: isTracked(demo.stage),
      budgetLockedAt: isLocked(demo.stage) ? leftBudgetReviewAt : null,
      budgetLockedById: isLocked(demo.stage) ? actorFor('mfbm_reviewer', demo.moa) : null,
      createdById: actorFor('planner', demo.moa),
    })
    .onConflictDoNothing()
    .returning({ id: ppas.id });
  if (inserted.length === 0) return; // already seeded: leave it as the planners have left it

  const planner = actorFor('planner', demo.moa);
  const tracked = isTracked(demo.stage) && allocation !== null;
  const createdAt = new Date((decidedAt[0] ?? lastDecision).getTime() - 3 * DAY);
  await writeSeedAudit(tx, ppaId, [
    { entityType: 'ppa', entityId: ppaId, action: 'create', after: createdFields(demo, allocation), actorId: planner, at: createdAt },
    ...steps.flatMap((step, i): SeedAudit[] => {
      const at = decidedAt[i]!;
      const actorId = actorFor(step.by, demo.moa);
      // What the same decision sets off in the app (server/services/workflow/transition-ppa.ts), in its order.
      const rows: SeedAudit[] = [{ ...stageMoveRecord(ppaId, step.from, step.to, step.decision, step.comment), actorId, at }];
      if (step.to === 'technical_review' && tracked) rows.push({ ...trackingRecord(demo, allocation!), actorId, at: later(at, 1) });
      if (locksBudget(step.from, step.to))
        rows.push({ ...budgetLockRecord(ppaId, null, at, approvalLockReason(step.from, step.to)), actorId, at: later(at, 2) });
      // Activation is the `ppa/enacted` job, which acts as the system.
      if (step.to === 'enacted' && tracked) rows.push({ ...executionActivatedRecord(ppaId, true, true), actorId: null, at: later(at, 1000) });
      return rows;
    }),
  ]);

  if (steps.length > 0) {
    await tx.insert(approvalDecisions).values(
      steps.map((step, i) => ({
        id: stableId(`ppa:${demo.key}:decision:${i}`),
        ppaId,
        fromStage: step.from,
        toStage: step.to,
        decision: step.decision,
        comment: step.comment,
        decidedById: actorFor(step.by, demo.moa),
        decidedAt: decidedAt[i]!,
      })),
    );
  }
  if (FORWARD.indexOf(demo.stage) >= FORWARD.indexOf('budget_review') && allocation !== null && demo.appropriationClass) {
    const locked = isLocked(demo.stage) ? { at: leftBudgetReviewAt!, byId: actorFor('mfbm_reviewer', demo.moa) } : null;
    const executed = demo.stage === 'approved' || demo.stage === 'enacted';
    const planAudit = await seedPlans(tx, {
      key: demo.key,
      ppaId,
      allocation,
      allotmentClass: demo.appropriationClass,
      plannerId: planner,
      createdAt: later(decidedAt[0]!, 2 * DAY),
      locked,
      executed,
    });
    await writeSeedAudit(tx, ppaId, planAudit);
  }
  if (!isTracked(demo.stage) || allocation === null) return;

  const projectId = stableId(`ppa:${demo.key}:project`);
  await tx.insert(workItems).values({
    id: projectId,
    ppaId,
    title: demo.title,
    workType: 'project',
    status: enacted ? 'in_progress' : 'not_started',
    progress: progress?.project ?? 0,
    allocatedBudget: allocation,
    startDate: `${demo.fiscalYear}-02-01`,
    dueDate: `${demo.fiscalYear}-12-15`,
  });
  const phases = defaultWbsTemplate(demo.category, parsePesos(allocation));
  await tx.insert(workItems).values(
    phases.map((phase) => ({
      id: stableId(`ppa:${demo.key}:item:${phase.title}`),
      ppaId,
      parentId: projectId,
      title: phase.title,
      workType: phase.workType,
      status: (progress?.phases.get(phase.title) ?? 0) > 0 ? ('in_progress' as const) : ('not_started' as const),
      progress: progress?.phases.get(phase.title) ?? 0,
      allocatedBudget: toPesoString(phase.allocatedCentavos),
      sortOrder: phase.sortOrder,
    })),
  );
  if (livelihood) {
    // The planner broke the plan down once it was in technical review, before budget review locked it.
    await seedLivelihoodDetail(tx, demo, ppaId, planner, later(decidedAt[0]!, DAY));
    // A month-by-month history for the progress chart, ending at today's figure.
    const history = LIVELIHOOD_PROGRESS_HISTORY.map((point) => ({ ppaId, day: point.day, progress: Math.min(point.progress, progress!.project) }));
    await tx.insert(progressSnapshots).values(history);
  }
}

async function seedLivelihoodDetail(tx: Transaction, demo: DemoPpa, ppaId: string, plannerId: string, brokenDownAt: Date): Promise<void> {
  const plannerName = DEMO_USERS.find((u) => u.role === 'planner' && u.moa === demo.moa)!.name;
  const audit: SeedAudit[] = [];
  const leafIds = new Map<string, string>();
  for (const [phaseTitle, leaves] of Object.entries(LIVELIHOOD_TREE)) {
    const added = await tx
      .insert(workItems)
      .values(
        leaves.map((leaf, i) => {
          const id = stableId(`ppa:${demo.key}:item:${phaseTitle}:${leaf.title}`);
          leafIds.set(leaf.title, id);
          return {
            id,
            ppaId,
            parentId: stableId(`ppa:${demo.key}:item:${phaseTitle}`),
            title: leaf.title,
            workType: 'task' as const,
            status: leaf.status,
            progress: leaf.progress,
            allocatedBudget: leaf.amount,
            sortOrder: i,
            startDate: '2026-02-01',
            dueDate: '2026-11-30',
          };
        }),
      )
      .returning();
    for (const row of added) {
      // As "Add work item" answered then (server/services/work-items/work-item-response.ts): not started yet.
      const response: WorkItemResponse = {
        id: row.id,
        ppaId: row.ppaId,
        parentId: row.parentId,
        title: row.title,
        workType: row.workType,
        status: 'not_started',
        priority: row.priority,
        progress: 0,
        startDate: row.startDate,
        dueDate: row.dueDate,
        allocatedBudget: row.allocatedBudget,
        weight: row.weight,
        budgetNotes: row.budgetNotes,
        appropriationClass: row.appropriationClass,
        objectOfExpenditure: row.objectOfExpenditure,
        sortOrder: row.sortOrder,
      };
      audit.push({ entityType: 'work_item', entityId: row.id, action: 'add', after: response, actorId: plannerId, at: later(brokenDownAt, audit.length) });
    }
  }
  const entries = LIVELIHOOD_EXPENDITURES.map((e, i) => ({
    id: stableId(`ppa:${demo.key}:expenditure:${i}`),
    workItemId: leafIds.get(e.item)!,
    ppaId,
    kind: e.kind,
    amount: e.amount,
    spentOn: e.spentOn,
    description: e.description,
    referenceNo: e.referenceNo,
    reversesId: null,
    reversalReason: null,
    recordedById: plannerId,
    // Entered the afternoon the money moved.
    recordedAt: new Date(`${e.spentOn}T15:00:00+08:00`),
  }));
  await tx.insert(expenditureEntries).values(entries);
  for (const entry of entries) {
    // As "Record expenditure" answered then (server/services/expenditures/record-expenditure.ts).
    const response: ExpenditureResponse = {
      id: entry.id,
      workItemId: entry.workItemId,
      kind: entry.kind,
      amount: entry.amount,
      date: entry.spentOn,
      description: entry.description,
      referenceNo: entry.referenceNo,
      reversesId: null,
      reversalReason: null,
      reversedById: null,
      recordedBy: plannerName,
      recordedAt: entry.recordedAt.toISOString(),
    };
    audit.push({ entityType: 'expenditure', entityId: entry.id, action: 'record', after: response, actorId: plannerId, at: entry.recordedAt });
  }
  await writeSeedAudit(tx, ppaId, audit);
  // Raised by the payment that took Venue Booking over its allocation.
  const overspentBy = entries.findLast((e) => e.workItemId === leafIds.get('Venue Booking') && e.kind === 'disbursement')!;
  await tx.insert(alerts).values({
    id: stableId(`ppa:${demo.key}:alert:venue-overspend`),
    ppaId,
    workItemId: leafIds.get('Venue Booking')!,
    type: 'overspending',
    severity: 'high',
    title: 'Venue Booking is over budget',
    message: 'Actual ₱342,500.00 against ₱300,000.00 allocated: over by ₱42,500.00 (14.17%).',
    createdAt: later(overspentBy.recordedAt, 60_000),
  });
}

/** What "Create PPA" was sent for this PPA (the audit row keeps the request's fields, the MOA aside). */
function createdFields(demo: DemoPpa, allocation: string | null): Omit<CreatePpaRequest, 'moaId'> {
  return {
    title: demo.title,
    description: demo.description ?? '',
    category: demo.category,
    sector: demo.sector,
    appropriationClass: demo.appropriationClass,
    fundingSource: demo.fundingSource,
    fundingSourceDetail: fundingDetailOf(demo),
    fiscalYear: demo.fiscalYear,
    budgetCeiling: demo.budget,
    budgetAllocation: allocation,
    startDate: `${demo.fiscalYear}-02-01`,
    targetEndDate: `${demo.fiscalYear}-12-15`,
  };
}

/** Enabling tracking with the default plan, as entering technical review does. */
function trackingRecord(demo: DemoPpa, allocation: string): AuditRecord {
  const phases = defaultWbsTemplate(demo.category, parsePesos(allocation));
  return trackingEnabledRecord(
    stableId(`ppa:${demo.key}:project`),
    'default',
    toPesoString(parsePesos(allocation)),
    phases.map((phase) => ({ title: phase.title, allocated: toPesoString(phase.allocatedCentavos) })),
  );
}

const fundingDetailOf = (demo: DemoPpa) => (demo.fundingSource === 'other' ? 'Bangsamoro Transition Authority special grant' : null);
