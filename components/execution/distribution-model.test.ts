import { describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { zDistributeRequest } from '@/server/contracts/budget';
import { distributionRequest, initialManualAmounts, initialWeights, peso, shareOfParent, weightsProblem } from './distribution-model';

const PPA_ID = '44444444-4444-4444-8444-444444444444';
const ids = ['55555555-5555-4555-8555-555555555551', '55555555-5555-4555-8555-555555555552'] as const;

function node(id: string, allocated: string, children: AllocationNodeShape[] = []): AllocationNodeShape {
  return {
    id,
    title: `Item ${id.slice(-1)}`,
    workType: 'activity',
    status: 'not_started',
    progress: 0,
    originalAllocation: allocated,
    transfersIn: '0.00',
    transfersOut: '0.00',
    appropriationClass: null,
    objectOfExpenditure: null,
    allocated,
    actual: '0.00',
    remaining: allocated,
    obligations: '0.00',
    disbursements: '0.00',
    obligationRate: null,
    disbursementRate: null,
    unobligated: allocated,
    variance: '0.00',
    variancePercent: null,
    utilisation: null,
    budgetStatus: 'no_expenditure',
    childrenAllocated: '0.00',
    unallocated: allocated,
    sortOrder: 0,
    weight: '1',
    budgetNotes: '',
    priority: 'medium',
    startDate: null,
    dueDate: null,
    childCount: children.length,
    children,
  };
}
const parent = node('66666666-6666-4666-8666-666666666666', '300000.00', [node(ids[0], '100000.00'), node(ids[1], '0.00')]);

describe('distribution request', () => {
  it('equal sends no amounts nor weights', () => {
    const request = distributionRequest(PPA_ID, parent, 'equal', initialManualAmounts(parent), initialWeights(parent));
    expect(request).toEqual({ id: PPA_ID, parentId: parent.id, mode: 'equal' });
    expect(zDistributeRequest.safeParse(request).success).toBe(true);
  });

  it('weighted sends every child’s weight, typed or stored, and no amounts', () => {
    const weights = { ...initialWeights(parent), [ids[0]]: ' 2.5 ' };
    expect(initialWeights(parent)).toEqual({ [ids[0]]: '1', [ids[1]]: '1' });
    const request = distributionRequest(PPA_ID, parent, 'weighted', initialManualAmounts(parent), weights);
    expect(request).toEqual({
      id: PPA_ID,
      parentId: parent.id,
      mode: 'weighted',
      weights: [
        { workItemId: ids[0], weight: '2.5' },
        { workItemId: ids[1], weight: '1' },
      ],
    });
    expect(zDistributeRequest.safeParse(request).success).toBe(true);
  });

  it('names the child whose typed weight is not a weight, before asking the server', () => {
    expect(weightsProblem(parent, initialWeights(parent))).toBeNull();
    expect(weightsProblem(parent, { ...initialWeights(parent), [ids[1]]: '-1' })).toBe(
      'Item 2: Enter the weight as a number of at most 4 decimals, like 1 or 2.5.',
    );
    expect(weightsProblem(parent, { [ids[0]]: '1' })).toMatch(/^Item 2: /);
    // All zero is a valid set of weights to type; the server's preview says why it cannot be applied.
    expect(weightsProblem(parent, { [ids[0]]: '0', [ids[1]]: '0' })).toBeNull();
  });

  it('shows a previewed amount as a share of the parent', () => {
    expect(shareOfParent('112500.00', '300000.00')).toBe('37.5%');
    expect(shareOfParent('100000.00', '300000.00')).toBe('33.33%');
    expect(shareOfParent('0.00', '0.00')).toBe('—');
  });

  it('manual sends every child’s amount, starting from its current allocation', () => {
    const manual = initialManualAmounts(parent);
    expect(manual).toEqual({ [ids[0]]: '100000.00', [ids[1]]: '0.00' });
    const request = distributionRequest(PPA_ID, parent, 'manual', { ...manual, [ids[1]]: '₱150,000' });
    expect(request.allocations).toEqual([
      { workItemId: ids[0], amount: '100000.00' },
      { workItemId: ids[1], amount: '₱150,000' },
    ]);
    expect(zDistributeRequest.parse(request).allocations?.[1]?.amount).toBe('150000.00');
  });

  it('a child without a typed amount gets ₱0', () => {
    expect(distributionRequest(PPA_ID, parent, 'manual', {}).allocations).toEqual([
      { workItemId: ids[0], amount: '0' },
      { workItemId: ids[1], amount: '0' },
    ]);
  });

  it('a bad manual amount is refused by the server’s schema under allocations', () => {
    const parsed = zDistributeRequest.safeParse(distributionRequest(PPA_ID, parent, 'manual', { [ids[0]]: 'lots' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['allocations', 0, 'amount'], message: 'Enter an amount in pesos, like 1500000.00.' });
  });
});

describe('peso', () => {
  it('formats stored and typed amounts as planners read them', () => {
    expect(peso('1234567.89')).toBe('₱1,234,567.89');
    expect(peso('0.00')).toBe('₱0.00');
    expect(peso('₱1,500')).toBe('₱1,500.00');
    expect(peso('-20.5')).toBe('-₱20.50');
  });

  it('refuses what is not an amount', () => {
    expect(() => peso('abc')).toThrow('is not a peso amount');
  });
});
