import { describe, expect, it } from 'vitest';
import { bottleneckAlertText, bottleneckSeverity, daysWaiting, overspendingAlertText, stagesDecidedBy } from './alerts';

describe('alert rules', () => {
  it('flags approval bottlenecks over 7 days (high) and over 14 days (critical), in review stages only', () => {
    expect(bottleneckSeverity('budget_review', 7)).toBeNull();
    expect(bottleneckSeverity('budget_review', 8)).toBe('high');
    expect(bottleneckSeverity('technical_review', 14)).toBe('high');
    expect(bottleneckSeverity('executive_approval', 15)).toBe('critical');
    expect(bottleneckSeverity('draft', 90)).toBeNull();
    expect(bottleneckSeverity('approved', 90)).toBeNull();
    expect(bottleneckAlertText('budget_review', 9).title).toBe('Waiting 9 days in budget review');
  });

  it('counts whole days waiting', () => {
    const since = new Date('2026-11-01T10:00:00Z');
    expect(daysWaiting(since, new Date('2026-11-09T09:59:59Z'))).toBe(7);
    expect(daysWaiting(since, new Date('2026-11-09T10:00:00Z'))).toBe(8);
    expect(daysWaiting(new Date('2026-12-01T00:00:00Z'), since)).toBe(0);
  });

  it('words an overspend with the amounts', () => {
    expect(overspendingAlertText('Venue Booking', 300_000_00n, 342_500_00n)).toEqual({
      title: 'Venue Booking is over budget',
      message: 'Actual ₱342,500.00 against ₱300,000.00 allocated: over by ₱42,500.00 (14.17%).',
    });
    expect(overspendingAlertText('X', 0n, 5_00n).message).toBe('Actual ₱5.00 against ₱0.00 allocated: over by ₱5.00.');
  });

  it('puts in each reviewer’s queue the stages they decide', () => {
    expect(stagesDecidedBy('mfbm_reviewer')).toEqual(['technical_review', 'budget_review', 'stakeholder_consultation']);
    expect(stagesDecidedBy('executive')).toEqual(['executive_approval', 'approved']);
    expect(stagesDecidedBy('admin')).toEqual(['technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval', 'approved']);
    expect(stagesDecidedBy('planner')).toEqual([]);
  });
});
