import { describe, expect, it } from 'vitest';
import { actorText, changeText } from './history-model';

describe('a history line', () => {
  it('reads old → new, a first value alone, and a removed one as none', () => {
    expect(changeText({ label: 'Allocation', before: '₱150,000.00', after: '₱140,000.00' })).toBe('Allocation: ₱150,000.00 → ₱140,000.00');
    expect(changeText({ label: 'Type', before: null, after: 'task' })).toBe('Type: task');
    expect(changeText({ label: 'Allocation', before: '₱2,500.00', after: null })).toBe('Allocation: ₱2,500.00 → none');
  });

  it('names the person, or the system for a job', () => {
    expect(actorText({ actor: 'Amina Admin' })).toBe('Amina Admin');
    expect(actorText({ actor: null })).toBe('System');
  });
});
