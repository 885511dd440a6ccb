import { describe, expect, it } from 'vitest';
import { describeAuditEntry, fieldLabel, fieldValue, pesosText, workItemIdsIn, type AuditFacts } from './history';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const GONE = '33333333-3333-4333-8333-333333333333';
const titles: Record<string, string> = { [A]: 'Venue Booking', [B]: 'Preparation' };
const titleOf = (id: string) => titles[id];
const facts = (f: Partial<AuditFacts> & Pick<AuditFacts, 'entityType' | 'action'>): AuditFacts => ({ entityId: A, before: null, after: null, ...f });

describe('history in planner words', () => {
  it('formats values: pesos, yes/no, percent, stage and status words, long text shortened', () => {
    expect(pesosText('4500000.5')).toBe('₱4,500,000.50');
    expect(pesosText('-42500.00')).toBe('-₱42,500.00');
    expect(pesosText('n/a')).toBe('n/a');
    expect(pesosText(null)).toBeNull();
    expect(fieldValue('autoSyncStatus', false)).toBe('no');
    expect(fieldValue('progress', 45)).toBe('45%');
    expect(fieldValue('approvalStage', 'stakeholder_consultation')).toBe('stakeholder consultation');
    expect(fieldValue('status', 'on_hold')).toBe('on hold');
    expect(fieldValue('description', 'x'.repeat(300))).toBe(`${'x'.repeat(119)}…`);
    expect(fieldValue('startDate', '')).toBeNull();
    // A stored moment (UTC) reads in Manila time, as the page says it; a calendar date stays as it is.
    expect(fieldValue('budgetLockedAt', '2026-11-26T19:17:00.000Z')).toBe('Nov 27, 2026 at 03:17');
    expect(fieldValue('expiresAt', '2026-06-14T16:05:00+00:00')).toBe('Jun 15, 2026 at 00:05');
    expect(fieldValue('startDate', '2026-03-01')).toBe('2026-03-01');
    expect(fieldValue('description', '2026-99-99T99:99Z')).toBe('2026-99-99T99:99Z');
    expect(fieldLabel('fundingSource')).toBe('Funding source');
    expect(fieldLabel('allocatedBudget')).toBe('Allocation');
  });

  it('an edit lists only what changed, old → new', () => {
    const edit = describeAuditEntry(
      facts({
        entityType: 'ppa',
        action: 'update',
        before: { status: 'planning', budgetCeiling: '100.00', title: 'Same' },
        after: { status: 'on_hold', budgetCeiling: '150.5', title: 'Same' },
      }),
      titleOf,
    );
    expect(edit).toEqual({
      summary: 'Edited the PPA',
      changes: [
        { label: 'Status', before: 'planning', after: 'on hold' },
        { label: 'Budget ceiling', before: '₱100.00', after: '₱150.50' },
      ],
    });
  });

  it('names work items by their title now, a deleted one as such, and a deleted subtree by its root', () => {
    expect(describeAuditEntry(facts({ entityType: 'work_item', action: 'move', after: { parentId: B, sortOrder: 0 } }), titleOf).summary).toBe(
      'Moved “Venue Booking” under “Preparation”',
    );
    expect(describeAuditEntry(facts({ entityType: 'work_item', action: 'reorder' }), titleOf).summary).toBe('Reordered “Venue Booking” among its siblings');
    expect(
      describeAuditEntry(
        facts({
          entityType: 'budget',
          action: 'distribute_weighted',
          entityId: GONE,
          before: [{ workItemId: GONE, amount: '5.00' }],
          after: [{ workItemId: GONE, amount: '7.00' }],
        }),
        titleOf,
      ),
    ).toEqual({
      summary: 'Distributed the budget of a deleted work item by weight',
      changes: [{ label: 'A deleted work item', before: '₱5.00', after: '₱7.00' }],
    });
    const deleted = describeAuditEntry(
      facts({
        entityType: 'work_item',
        action: 'delete',
        entityId: GONE,
        before: [
          { id: GONE, title: 'Sound system', allocatedBudget: '2500.00' },
          { id: 'x', title: 'Cables' },
          { id: 'y', title: 'Mics' },
        ],
      }),
      titleOf,
    );
    expect(deleted).toEqual({ summary: 'Deleted “Sound system” and 2 items under it', changes: [{ label: 'Allocation', before: '₱2,500.00', after: null }] });
    expect(describeAuditEntry(facts({ entityType: 'work_item', action: 'update', entityId: GONE, after: { title: 'Renamed' } }), titleOf).summary).toBe(
      'Edited “Renamed”',
    );
  });

  it('describes the co-edited save, the sync, activation, an empty plan and an unknown action without failing', () => {
    expect(
      describeAuditEntry(
        facts({
          entityType: 'budget',
          action: 'save_allocation_draft',
          before: [
            { workItemId: A, amount: '1.00' },
            { workItemId: B, amount: '2.00' },
          ],
          after: [
            { workItemId: A, amount: '3.00' },
            { workItemId: B, amount: '2.00' },
          ],
        }),
        titleOf,
      ),
    ).toEqual({
      summary: 'Saved the co-edited allocation form',
      changes: [{ label: 'Venue Booking', before: '₱1.00', after: '₱3.00' }],
    });
    expect(
      describeAuditEntry(
        facts({ entityType: 'ppa', action: 'sync_from_work_items', before: { progress: 10, status: 'planning' }, after: { progress: 20, status: 'ongoing' } }),
        titleOf,
      ).changes,
    ).toEqual([
      { label: 'Progress', before: '10%', after: '20%' },
      { label: 'Status', before: 'planning', after: 'ongoing' },
    ]);
    expect(describeAuditEntry(facts({ entityType: 'ppa', action: 'activate_execution' }), titleOf).summary).toBe('Started execution on enactment');
    expect(
      describeAuditEntry(facts({ entityType: 'work_item', action: 'enable_tracking', after: { template: 'empty', allocated: '10.00', children: [] } }), titleOf)
        .summary,
    ).toBe('Enabled execution tracking with an empty plan');
    expect(
      describeAuditEntry(
        facts({
          entityType: 'ppa',
          action: 'transition',
          after: { approvalStage: 'rejected', decision: 'reject' },
          before: { approvalStage: 'technical_review' },
        }),
        titleOf,
      ).summary,
    ).toBe('Rejected');
    expect(describeAuditEntry(facts({ entityType: 'budget', action: 'reset_weights', before: 'odd', after: [1, 2] }), titleOf)).toEqual({
      summary: 'Budget reset weights',
      changes: [],
    });
    expect(describeAuditEntry(facts({ entityType: 'expenditure', action: 'edit' }), titleOf).summary).toBe('Expenditure edit');
    expect(describeAuditEntry(facts({ entityType: 'alert', action: 'acknowledge' }), titleOf).summary).toBe('Acknowledged an alert');
    expect(describeAuditEntry(facts({ entityType: 'api_token', action: 'create', after: { name: 'CI' } }), titleOf)).toEqual({
      summary: 'Api token create',
      changes: [{ label: 'Name', before: null, after: 'CI' }],
    });
  });

  it('collects the work item ids a row names, for one title look-up per page', () => {
    expect(
      workItemIdsIn(facts({ entityType: 'budget', action: 'distribute_equal', entityId: B, before: [{ workItemId: A, amount: '1.00' }], after: [] })).sort(),
    ).toEqual([A, B]);
    expect(workItemIdsIn(facts({ entityType: 'expenditure', action: 'record', entityId: GONE, after: { workItemId: A } }))).toEqual([A]);
    expect(workItemIdsIn(facts({ entityType: 'ppa', action: 'update', entityId: 'not-an-id', after: { parentId: 'nope' } }))).toEqual([]);
  });
});

describe('modification requests in the history', () => {
  it('names each step with its amount, and an applied request as each item’s allocation before → after', () => {
    expect(
      describeAuditEntry(facts({ entityType: 'modification', action: 'modification_submitted', after: { total: '150000.00', route: 'moa_head' } }), titleOf)
        .summary,
    ).toBe('Submitted a modification request (₱150,000.00)');
    expect(describeAuditEntry(facts({ entityType: 'modification', action: 'modification_withdrawn', after: { status: 'withdrawn' } }), titleOf).summary).toBe(
      'Withdrew a modification request',
    );
    const applied = describeAuditEntry(
      facts({
        entityType: 'modification',
        action: 'modification_applied',
        before: [
          { workItemId: A, amount: '300000.00' },
          { workItemId: B, amount: '750000.00' },
        ],
        after: [
          { workItemId: A, amount: '350000.00' },
          { workItemId: B, amount: '700000.00' },
        ],
      }),
      titleOf,
    );
    expect(applied).toEqual({
      summary: 'Applied an approved modification as transfers',
      changes: [
        { label: 'Venue Booking', before: '₱300,000.00', after: '₱350,000.00' },
        { label: 'Preparation', before: '₱750,000.00', after: '₱700,000.00' },
      ],
    });
    expect(describeAuditEntry(facts({ entityType: 'modification', action: 'modification_unknown' }), titleOf).summary).toBe(
      'Modification modification unknown',
    );
  });
});
