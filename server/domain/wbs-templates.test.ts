import { describe, expect, it } from 'vitest';
import { parsePesos, toPesoString } from './money';
import { defaultWbsTemplate } from './wbs-templates';

describe('default WBS templates', () => {
  it('gives a ₱5,000,000.00 activity 15/75/10 activities that sum to the budget', () => {
    const children = defaultWbsTemplate('activity', parsePesos('5000000.00'));
    expect(children.map((c) => [c.title, c.workType, toPesoString(c.allocatedCentavos)])).toEqual([
      ['Preparation', 'activity', '750000.00'],
      ['Execution', 'activity', '3750000.00'],
      ['Completion & Reporting', 'activity', '500000.00'],
    ]);
  });

  it('gives a program 20/60/20 sub-projects', () => {
    const children = defaultWbsTemplate('program', parsePesos('1000000.00'));
    expect(children.map((c) => [c.title, c.workType, toPesoString(c.allocatedCentavos)])).toEqual([
      ['Planning & Design', 'sub_project', '200000.00'],
      ['Implementation', 'sub_project', '600000.00'],
      ['Monitoring & Evaluation', 'sub_project', '200000.00'],
    ]);
  });

  it('keeps the total exact when the percentages do not divide it', () => {
    const children = defaultWbsTemplate('project', 1n);
    expect(children.reduce((a, c) => a + c.allocatedCentavos, 0n)).toBe(1n);
    expect(children.map((c) => c.sortOrder)).toEqual([0, 1, 2]);
  });
});
