import type { Transaction } from '../index';
import { auditLog, budgetTransfers, modificationLines, modificationRequests, modificationSteps } from '../schema';
import type { ModificationAction, UserRole } from '../../server/domain/types';
import { stableId } from './stable-id';

/**
 * Three modification requests on MSSD's Quick Response Fund (approved, so its budget is locked), each moving
 * money between two of its phases within MOOE, so MSSD's head decides them: one approved (its transfers
 * posted), one waiting on the head, one rejected with the head's reason.
 */
const QRF = 'mssd-qrf';
const item = (phase: string) => stableId(`ppa:${QRF}:item:${phase}`);

interface DemoRequest {
  key: string;
  from: string;
  to: string;
  amount: string;
  justification: string;
  status: 'approved' | 'submitted' | 'rejected';
  decision?: { action: ModificationAction; comment: string | null };
  daysAgo: number;
}

const DEMO_REQUESTS: DemoRequest[] = [
  {
    key: 'approved',
    from: 'Completion & Reporting',
    to: 'Execution',
    amount: '2500000.00',
    justification: 'Typhoon Kristine: more families need relief packs than planned; reporting costs less with the new online forms.',
    status: 'approved',
    decision: { action: 'approve', comment: 'Approved: relief first.' },
    daysAgo: 20,
  },
  {
    key: 'pending',
    from: 'Preparation',
    to: 'Execution',
    amount: '1000000.00',
    justification: 'Prepositioned goods were donated by the provincial government; the savings go to distribution.',
    status: 'submitted',
    daysAgo: 3,
  },
  {
    key: 'rejected',
    from: 'Preparation',
    to: 'Completion & Reporting',
    amount: '5000000.00',
    justification: 'A third-party evaluation of the response.',
    status: 'rejected',
    decision: { action: 'reject', comment: 'Preparation still needs this for the next typhoon season; ask again after June.' },
    daysAgo: 10,
  },
];

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoModifications(tx: Transaction, userIdOf: (email: string) => string, now: Date): Promise<void> {
  const ppaId = stableId(`ppa:${QRF}`);
  const planner = userIdOf('planner@example.org');
  const head = userIdOf('head.mssd@example.org');
  for (const demo of DEMO_REQUESTS) {
    const id = stableId(`${QRF}:modification:${demo.key}`);
    const submittedAt = new Date(now.getTime() - demo.daysAgo * DAY);
    const decidedAt = demo.decision ? new Date(submittedAt.getTime() + 2 * DAY) : null;
    const inserted = await tx
      .insert(modificationRequests)
      .values({
        id,
        ppaId,
        status: demo.status,
        justification: demo.justification,
        totalAmount: demo.amount,
        route: 'moa_head',
        needsExecutive: false,
        awaitingRole: demo.status === 'submitted' ? 'moa_head' : null,
        requestedById: planner,
        submittedAt,
        decidedAt,
        createdAt: new Date(submittedAt.getTime() - DAY),
      })
      .onConflictDoNothing()
      .returning({ id: modificationRequests.id });
    // Already seeded: its transfers are posted; posting them again would count them twice.
    if (inserted.length === 0) continue;
    const lineId = stableId(`${QRF}:modification:${demo.key}:line`);
    await tx.insert(modificationLines).values({
      id: lineId,
      requestId: id,
      position: 0,
      fromWorkItemId: item(demo.from),
      toWorkItemId: item(demo.to),
      fromClass: 'MOOE',
      toClass: 'MOOE',
      amount: demo.amount,
    });
    const steps: { action: ModificationAction; actorRole: UserRole; actorId: string; comment: string | null; at: Date }[] = [
      { action: 'submit', actorRole: 'planner', actorId: planner, comment: null, at: submittedAt },
    ];
    if (demo.decision) steps.push({ ...demo.decision, actorRole: 'moa_head', actorId: head, at: decidedAt! });
    await tx.insert(modificationSteps).values(steps.map((s) => ({ requestId: id, ...s })));
    await tx.insert(auditLog).values(
      steps.map((s) => ({
        ppaId,
        entityType: 'modification',
        entityId: id,
        action: s.action === 'submit' ? 'modification_submitted' : s.action === 'approve' ? 'modification_approved' : 'modification_rejected',
        after: { total: demo.amount, route: 'moa_head' },
        reason: s.comment,
        actorId: s.actorId,
        createdAt: s.at,
      })),
    );
    if (demo.status === 'approved') {
      await tx.insert(budgetTransfers).values([
        { ppaId, requestId: id, lineId, workItemId: item(demo.from), amountOut: demo.amount, postedAt: decidedAt! },
        { ppaId, requestId: id, lineId, workItemId: item(demo.to), amountIn: demo.amount, postedAt: decidedAt! },
      ]);
    }
  }
}
