import { describe, expect, it } from 'vitest';
import { ageText, belowGoal, durationText, rateText } from './system-model';

describe('System page words', () => {
  it('shows rates to one decimal, rounded down so 99.96% never reads as the goal met at 100%', () => {
    expect(rateText(null)).toBe('no runs');
    expect(rateText(1)).toBe('100%');
    expect(rateText(0.9996)).toBe('99.9%');
    expect(rateText(0.985)).toBe('98.5%');
  });

  it('flags a rate under 99%, not a job that never ran', () => {
    expect(belowGoal(0.989)).toBe(true);
    expect(belowGoal(0.99)).toBe(false);
    expect(belowGoal(null)).toBe(false);
  });

  it('says durations and ages in the unit that reads best', () => {
    expect(durationText(850)).toBe('850 ms');
    expect(durationText(12_400)).toBe('12.4 s');
    expect(durationText(185_000)).toBe('3 min 5 s');
    expect(ageText(0, 0)).toBe('none waiting');
    expect(ageText(45, 2)).toBe('45 s');
    expect(ageText(720, 2)).toBe('12 min');
    expect(ageText(7200, 1)).toBe('2.0 h');
  });
});
