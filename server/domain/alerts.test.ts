import { describe, expect, it } from 'vitest';
import {
  bottleneckAlertText,
  bottleneckSeverity,
  daysWaiting,
  isMilestoneMissed,
  isUnderspending,
  milestoneMissedAlertText,
  missedMilestones,
  overspendingAlertText,
  scheduleElapsedPercent,
  stagesDecidedBy,
  underspendingAlertText,
} from './alerts';
import { rollUpTree, type FlatWorkItem } from './rollup';
import type { WorkStatus } from './types';

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

describe('underspending: at 75% of the schedule elapsed, utilisation under 50%', () => {
  // 2026-01-01 to 2026-04-11 is 100 days, so each day is exactly one percent of the schedule.
  const schedule = { startDate: '2026-01-01', endDate: '2026-04-11', allocated: 1_000_000_00n };

  it('starts at exactly 75% elapsed, not the day before', () => {
    expect(scheduleElapsedPercent(schedule.startDate, schedule.endDate, '2026-03-17')).toBe(75);
    expect(isUnderspending({ ...schedule, today: '2026-03-17', actual: 0n })).toBe(true);
    expect(scheduleElapsedPercent(schedule.startDate, schedule.endDate, '2026-03-16')).toBe(74);
    expect(isUnderspending({ ...schedule, today: '2026-03-16', actual: 0n })).toBe(false);
  });

  it('needs utilisation under 50%: exactly 50% is not underspending, one centavo less is', () => {
    expect(isUnderspending({ ...schedule, today: '2026-03-17', actual: 500_000_00n })).toBe(false);
    expect(isUnderspending({ ...schedule, today: '2026-03-17', actual: 499_999_99n })).toBe(true);
  });

  it('keeps counting after the end date, and never before the start or with nothing allocated', () => {
    expect(isUnderspending({ ...schedule, today: '2026-12-31', actual: 0n })).toBe(true);
    expect(scheduleElapsedPercent(schedule.startDate, schedule.endDate, '2026-12-31')).toBe(100);
    expect(scheduleElapsedPercent(schedule.startDate, schedule.endDate, '2025-12-31')).toBe(0);
    expect(isUnderspending({ ...schedule, today: '2025-12-31', actual: 0n })).toBe(false);
    expect(isUnderspending({ ...schedule, today: '2026-12-31', allocated: 0n, actual: 0n })).toBe(false);
    // A one-day schedule has fully elapsed on its day.
    expect(isUnderspending({ startDate: '2026-05-05', endDate: '2026-05-05', today: '2026-05-05', allocated: 100n, actual: 0n })).toBe(true);
    expect(scheduleElapsedPercent('2026-05-05', '2026-05-05', '2026-05-05')).toBe(100);
    expect(isUnderspending({ startDate: '2026-05-05', endDate: '2026-05-05', today: '2026-05-04', allocated: 100n, actual: 0n })).toBe(false);
  });

  it('words the alert with the schedule and the amounts', () => {
    expect(underspendingAlertText('Livelihood Training', { ...schedule, today: '2026-03-20', actual: 120_000_00n })).toEqual({
      title: 'Livelihood Training is underspending',
      message: '78% of the schedule (2026-01-01 to 2026-04-11) has passed and ₱120,000.00 of ₱1,000,000.00 is spent (12%).',
    });
  });
});

describe('milestone missed: a dated item past its due date (Manila day) and not completed', () => {
  it('is missed the day after the due date, not on it', () => {
    expect(isMilestoneMissed({ status: 'in_progress', dueDate: '2026-11-27' }, '2026-11-27')).toBe(false);
    expect(isMilestoneMissed({ status: 'in_progress', dueDate: '2026-11-26' }, '2026-11-27')).toBe(true);
    expect(isMilestoneMissed({ status: 'completed', dueDate: '2026-11-26' }, '2026-11-27')).toBe(false);
    expect(isMilestoneMissed({ status: 'cancelled', dueDate: '2026-11-26' }, '2026-11-27')).toBe(false);
    expect(isMilestoneMissed({ status: 'blocked', dueDate: null }, '2026-11-27')).toBe(false);
  });

  it('finds the missed items of a tree, but none under a completed or cancelled parent', () => {
    const item = (id: string, parentId: string | null, status: WorkStatus, dueDate: string | null) =>
      ({
        id,
        parentId,
        title: id,
        workType: parentId ? 'task' : 'project',
        status,
        progress: 0,
        allocated: 0n,
        ownActual: 0n,
        sortOrder: 0,
        dueDate,
      }) satisfies FlatWorkItem & { dueDate: string | null };
    const tree = rollUpTree(
      [
        item('project', null, 'in_progress', '2026-12-15'),
        item('late', 'project', 'in_progress', '2026-11-01'),
        item('on-time', 'project', 'not_started', '2026-11-27'),
        item('done', 'project', 'completed', '2026-10-01'),
        item('under-done', 'done', 'in_progress', '2026-10-01'),
        item('dropped', 'project', 'cancelled', '2026-10-01'),
        item('under-dropped', 'dropped', 'blocked', '2026-10-01'),
        item('late-child', 'late', 'blocked', '2026-10-31'),
        item('undated', 'project', 'blocked', null),
      ],
      'budget_weighted',
    );
    expect(missedMilestones(tree, '2026-11-27').map((i) => i.id)).toEqual(['late', 'late-child']);
  });

  it('words the alert with the due date and days overdue', () => {
    expect(milestoneMissedAlertText('M&E Report', '2026-11-26', '2026-11-27')).toEqual({
      title: 'M&E Report missed its due date',
      message: 'Due 2026-11-26 and not completed: 1 day overdue.',
    });
    expect(milestoneMissedAlertText('M&E Report', '2026-11-20', '2026-11-27').message).toBe('Due 2026-11-20 and not completed: 7 days overdue.');
  });
});
