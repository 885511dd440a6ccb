import { describe, expect, it } from 'vitest';
import { APPROVAL_STAGES, PPA_STATUSES, USER_ROLES } from '@/server/domain/types';
import { humanize, ROLE_LABELS, STAGE_LABELS, STATUS_LABELS } from './labels';

describe('labels', () => {
  it('turns a stored code into words', () => {
    expect(humanize('peace_security')).toBe('Peace security');
    expect(humanize('not_started')).toBe('Not started');
    expect(humanize('')).toBe('');
  });

  it('every stage, status and role has a label', () => {
    for (const stage of APPROVAL_STAGES) expect(STAGE_LABELS[stage]).toBeTruthy();
    for (const status of PPA_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
    for (const role of USER_ROLES) expect(ROLE_LABELS[role]).toBeTruthy();
  });
});
