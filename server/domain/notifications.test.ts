import { describe, expect, it } from 'vitest';
import {
  addresseesOf,
  digestDeliveryKey,
  digestEmail,
  escapeHtml,
  getsDailyDigest,
  kindsToldTo,
  notificationEmail,
  notificationText,
  oneLine,
  waitsOnRole,
  type AnnouncedPpa,
  type Announcement,
  type Person,
} from './notifications';
import { APPROVAL_STAGES, USER_ROLES, type ApprovalStage, type ModificationAction, type ModificationStatus, type UserRole } from './types';

const MSSD = 'moa-mssd';
const MAFAR = 'moa-mafar';

const ppa: AnnouncedPpa = {
  id: 'ppa-1',
  title: 'Livelihood Training for OBC Women',
  moaId: MSSD,
  moaCode: 'MSSD',
  approvalStage: 'technical_review',
  budgetAllocation: '5000000.00',
};

const person = (id: string, role: Person['role'], moaId: string | null = null, active = true): Person => ({ id, role, moaId, active });

const PEOPLE: Person[] = [
  person('admin', 'admin'),
  person('admin2', 'admin'),
  person('planner', 'planner', MSSD),
  person('planner2', 'planner', MSSD),
  person('mafar-planner', 'planner', MAFAR),
  person('viewer', 'viewer', MSSD),
  person('reviewer', 'mfbm_reviewer', 'moa-mfbm'),
  person('reviewer2', 'mfbm_reviewer', 'moa-mfbm'),
  person('executive', 'executive'),
  person('gone-planner', 'planner', MSSD, false),
  person('gone-reviewer', 'mfbm_reviewer', 'moa-mfbm', false),
  person('head', 'moa_head', MSSD),
  person('mafar-head', 'moa_head', MAFAR),
];

const modification = (
  action: ModificationAction,
  status: ModificationStatus,
  awaitingRole: UserRole | null,
  actorId: string | null = 'someone',
  comment: string | null = null,
): Announcement => ({
  type: 'modification',
  ppa: { ...ppa, approvalStage: 'enacted' },
  request: { id: 'r1', totalAmount: '150000.00', status, awaitingRole },
  action,
  actorId,
  actorName: 'Farida Reviewer',
  comment,
});

const moved = (from: ApprovalStage, to: ApprovalStage, actorId: string | null = 'someone', comment: string | null = null): Announcement => ({
  type: 'stage_changed',
  ppa: { ...ppa, approvalStage: to },
  from,
  to,
  actorId,
  actorName: 'Farida Reviewer',
  comment,
});

const told = (announcement: Announcement, people: Person[] = PEOPLE) =>
  addresseesOf(announcement, people)
    .map((a) => `${a.userId}:${a.kind}`)
    .sort();

describe('who is told what (docs/domain-rules.md, "Notifications")', () => {
  it('tells the reviewers when a PPA enters a stage they decide, and no one else', () => {
    expect(told(moved('draft', 'technical_review', 'planner'))).toEqual(['reviewer2:review_waiting', 'reviewer:review_waiting']);
    expect(told(moved('technical_review', 'budget_review', 'reviewer'))).toEqual(['reviewer2:review_waiting']);
    expect(told(moved('budget_review', 'stakeholder_consultation', 'reviewer'))).toEqual(['reviewer2:review_waiting']);
  });

  it('tells the executives of executive approval, and of an approved PPA that waits for their enactment', () => {
    expect(told(moved('budget_review', 'executive_approval', 'reviewer'))).toEqual(['executive:review_waiting']);
    // The approving executive is the actor; the MOA's planners hear it is approved.
    expect(told(moved('executive_approval', 'approved', 'executive'))).toEqual(['planner2:ppa_approved', 'planner:ppa_approved']);
    expect(told(moved('executive_approval', 'approved', 'admin'))).toEqual(['executive:review_waiting', 'planner2:ppa_approved', 'planner:ppa_approved']);
  });

  it('tells the MOA’s planners of a rejection and an enactment, never another MOA’s planner or a viewer', () => {
    expect(told(moved('technical_review', 'rejected', 'reviewer', 'Fix the indicators.'))).toEqual(['planner2:ppa_rejected', 'planner:ppa_rejected']);
    expect(told(moved('approved', 'enacted', 'executive'))).toEqual(['planner2:ppa_enacted', 'planner:ppa_enacted']);
  });

  it('tells nobody of a reopened draft or of forward moves that wait on no one but planners', () => {
    expect(told(moved('rejected', 'draft', 'planner'))).toEqual([]);
  });

  it('tells the MOA’s planners and the MFBM reviewers of an alert on their PPA', () => {
    const alert: Announcement = {
      type: 'alert_raised',
      ppa,
      alert: { type: 'overspending', severity: 'critical', title: 'Venue Booking is over budget', message: 'Over by ₱1.00.' },
    };
    expect(told(alert)).toEqual(['planner2:alert_raised', 'planner:alert_raised', 'reviewer2:alert_raised', 'reviewer:alert_raised']);
  });

  it('tells the other admins of an unlock, not the admin who unlocked it', () => {
    const unlock: Announcement = { type: 'budget_unlocked', ppa, actorId: 'admin', actorName: 'Amina Admin', reason: 'Correct a typo' };
    expect(told(unlock)).toEqual(['admin2:budget_unlocked']);
    expect(told({ ...unlock, actorId: null })).toEqual(['admin2:budget_unlocked', 'admin:budget_unlocked']);
  });

  it('never tells the person who made the change', () => {
    const reviewerOnly = [person('reviewer', 'mfbm_reviewer')];
    expect(told(moved('technical_review', 'budget_review', 'reviewer'), reviewerOnly)).toEqual([]);
    expect(told(moved('technical_review', 'budget_review', 'someone-else'), reviewerOnly)).toEqual(['reviewer:review_waiting']);
  });

  it('never tells a deactivated person, whatever their role', () => {
    for (const announcement of [moved('draft', 'technical_review'), moved('technical_review', 'rejected', 'reviewer', 'No.')]) {
      expect(told(announcement).some((t) => t.startsWith('gone-'))).toBe(false);
    }
    expect(told(moved('draft', 'technical_review'), [person('gone-reviewer', 'mfbm_reviewer', null, false)])).toEqual([]);
  });

  it('never tells a planner of another MOA, for any stage or alert', () => {
    const mafar = [person('mafar-planner', 'planner', MAFAR), person('mafar-viewer', 'viewer', MAFAR)];
    for (const from of APPROVAL_STAGES) {
      for (const to of APPROVAL_STAGES) expect(told(moved(from, to), mafar)).toEqual([]);
    }
    expect(told({ type: 'alert_raised', ppa, alert: { type: 'workflow_blocked', severity: 'high', title: 'x', message: '' } }, mafar)).toEqual([]);
  });

  it('keeps admins out of review notices: they decide as a fallback, and are told of unlocks', () => {
    expect(waitsOnRole('admin', 'technical_review')).toBe(false);
    expect(waitsOnRole('mfbm_reviewer', 'technical_review')).toBe(true);
    expect(waitsOnRole('executive', 'approved')).toBe(true);
    expect(waitsOnRole('executive', 'technical_review')).toBe(false);
    expect(waitsOnRole('planner', 'draft')).toBe(false);
  });

  it('offers each role the email switches of exactly the kinds it can be told of', () => {
    expect(Object.fromEntries(USER_ROLES.map((role) => [role, kindsToldTo(role)]))).toEqual({
      admin: ['budget_unlocked'],
      planner: ['ppa_approved', 'ppa_rejected', 'ppa_enacted', 'alert_raised', 'modification_decided'],
      mfbm_reviewer: ['review_waiting', 'alert_raised', 'modification_waiting', 'daily_digest'],
      executive: ['review_waiting', 'modification_waiting', 'daily_digest'],
      viewer: [],
      moa_head: ['modification_waiting', 'daily_digest'],
    });
    expect(USER_ROLES.filter(getsDailyDigest)).toEqual(['mfbm_reviewer', 'executive', 'moa_head']);
    // Every kind the rules hand out is one the role can switch.
    const everything: Announcement[] = [
      ...APPROVAL_STAGES.flatMap((from) => APPROVAL_STAGES.map((to) => moved(from, to, null))),
      { type: 'alert_raised', ppa, alert: { type: 'overspending', severity: 'high', title: 't', message: 'm' } },
      { type: 'budget_unlocked', ppa, actorId: null, actorName: 'x', reason: 'r' },
      modification('submit', 'submitted', 'moa_head'),
      modification('endorse', 'submitted', 'executive'),
      modification('approve', 'approved', null),
      modification('withdraw', 'withdrawn', null),
    ];
    const roleOf = new Map(PEOPLE.map((p) => [p.id, p.role]));
    for (const announcement of everything) {
      for (const a of addresseesOf(announcement, PEOPLE)) expect(kindsToldTo(roleOf.get(a.userId)!)).toContain(a.kind);
    }
  });
});

describe('modification requests', () => {
  it('tells whoever the request now waits on (an MOA head only of their own MOA), and the MOA’s planners of every later step', () => {
    expect(told(modification('submit', 'submitted', 'moa_head', 'planner'))).toEqual(['head:modification_waiting']);
    expect(told(modification('submit', 'submitted', 'mfbm_reviewer', 'planner'))).toEqual(['reviewer2:modification_waiting', 'reviewer:modification_waiting']);
    expect(told(modification('endorse', 'submitted', 'executive', 'reviewer'))).toEqual([
      'executive:modification_waiting',
      'planner2:modification_decided',
      'planner:modification_decided',
    ]);
    expect(told(modification('reject', 'rejected', null, 'head', 'Not now.'))).toEqual(['planner2:modification_decided', 'planner:modification_decided']);
  });

  it('says what moved, who did it, what they said and what comes next', () => {
    const waiting = notificationText('modification_waiting', modification('submit', 'submitted', 'moa_head', 'planner'));
    expect(waiting.title).toBe('Modification waiting for your decision: Livelihood Training for OBC Women');
    expect(waiting.body).toBe(
      'Farida Reviewer submitted a request to move ₱150,000.00 within “Livelihood Training for OBC Women”. It waits for your decision.\n\nPPA: Livelihood Training for OBC Women (MSSD)\nStage: Enacted\nBudget allocation: ₱5,000,000.00\nModification: ₱150,000.00',
    );
    const rejected = notificationText('modification_decided', modification('reject', 'rejected', null, 'head', 'Not this quarter.'));
    expect(rejected.title).toBe('Modification rejected: Livelihood Training for OBC Women');
    expect(rejected.body).toContain('“Not this quarter.”');
    expect(notificationText('modification_decided', modification('approve', 'approved', null)).body).toContain('The adjusted allocations apply from now on.');
    expect(notificationText('modification_decided', modification('return', 'returned', null, 'head', 'Which barangays?')).body).toContain(
      'Revise it and submit it again.',
    );
    expect(notificationText('modification_decided', modification('withdraw', 'withdrawn', null)).title).toBe(
      'Modification withdrawn: Livelihood Training for OBC Women',
    );
  });
});

describe('the words', () => {
  it('a rejection names who rejected it, where, the comment, the stage, the amount, and the way back', () => {
    const text = notificationText('ppa_rejected', moved('technical_review', 'rejected', 'reviewer', '  Outputs do not match the results matrix. '));
    expect(text.title).toBe('Rejected in technical review: Livelihood Training for OBC Women');
    expect(text.body).toBe(
      [
        'Farida Reviewer rejected “Livelihood Training for OBC Women” in technical review:',
        '“Outputs do not match the results matrix.”',
        'PPA: Livelihood Training for OBC Women (MSSD)\nStage: Rejected\nBudget allocation: ₱5,000,000.00',
        'Reopen it as a draft, address the comment, and submit it again.',
      ].join('\n\n'),
    );
  });

  it('says what waits on a reviewer, and what the planners gain on approval and enactment', () => {
    expect(notificationText('review_waiting', moved('draft', 'technical_review', 'planner', 'Please review.'))).toEqual({
      title: 'Waiting for your technical review: Livelihood Training for OBC Women',
      body: 'Farida Reviewer submitted “Livelihood Training for OBC Women” for technical review. It waits for your decision.\n\n“Please review.”\n\nPPA: Livelihood Training for OBC Women (MSSD)\nStage: Technical review\nBudget allocation: ₱5,000,000.00',
    });
    expect(notificationText('review_waiting', moved('technical_review', 'budget_review')).body).toMatch(
      /^Farida Reviewer moved “.*” from technical review to budget review\. It waits for your decision\./,
    );
    expect(notificationText('ppa_approved', moved('executive_approval', 'approved')).title).toBe('Approved: Livelihood Training for OBC Women');
    expect(notificationText('ppa_enacted', moved('approved', 'enacted')).body).toContain('Stage: Enacted');
  });

  it('an alert and an unlock carry their own facts; an allocation not set yet says so', () => {
    const noAllocation = { ...ppa, budgetAllocation: null };
    const alert = notificationText('alert_raised', {
      type: 'alert_raised',
      ppa: noAllocation,
      alert: { type: 'workflow_blocked', severity: 'high', title: 'Invitations is blocked', message: 'Work is blocked.' },
    });
    expect(alert.title).toBe('High alert on Livelihood Training for OBC Women: Invitations is blocked');
    expect(alert.body).toBe(
      'Work is blocked.\n\nPPA: Livelihood Training for OBC Women (MSSD)\nStage: Technical review\nBudget allocation: not set yet\nAlert: Workflow blocked (high)',
    );
    const unlock = notificationText('budget_unlocked', { type: 'budget_unlocked', ppa, actorId: 'a', actorName: 'Amina Admin', reason: 'Realign to the GAA' });
    expect(unlock.title).toBe('Budget unlocked: Livelihood Training for OBC Women');
    expect(unlock.body).toContain('Amina Admin unlocked the budget of “Livelihood Training for OBC Women”. The reason given:\n\n“Realign to the GAA”');
  });

  it('keeps a hostile title on one line, so a subject can carry no extra header', () => {
    const hostile = { ...ppa, title: 'Bad\r\nBcc: everyone@example.org\n\tTitle' };
    const { title } = notificationText('ppa_enacted', { ...moved('approved', 'enacted'), ppa: hostile });
    expect(title).toBe('Enacted: Bad Bcc: everyone@example.org Title');
    expect(notificationEmail({ title: 'A\nB', body: 'x', link: '/ppas/1' }, 'https://ppa.example.gov.ph').subject).toBe('A B');
    expect(oneLine('  a \n\n b  ')).toBe('a b');
  });
});

describe('emails', () => {
  const origin = 'https://ppa.example.gov.ph';

  it('a notification email: subject, plain text with the link, and HTML with the facts, the quote and the link', () => {
    const text = notificationText('ppa_rejected', moved('technical_review', 'rejected', 'reviewer', 'Use <b>real</b> targets & baselines.'));
    const email = notificationEmail({ ...text, link: '/ppas/ppa-1' }, origin);
    expect(email.subject).toBe('Rejected in technical review: Livelihood Training for OBC Women');
    expect(email.text).toContain('“Use <b>real</b> targets & baselines.”');
    expect(email.text).toContain('Open the PPA: https://ppa.example.gov.ph/ppas/ppa-1');
    expect(email.text).toContain('https://ppa.example.gov.ph/profile');
    expect(email.html).toContain('<blockquote');
    expect(email.html).toContain('“Use &lt;b&gt;real&lt;/b&gt; targets &amp; baselines.”');
    expect(email.html).not.toContain('<b>real</b>');
    expect(email.html).toContain('<th align="left" style="padding:2px 12px 2px 0">Budget allocation</th><td>₱5,000,000.00</td>');
    expect(email.html).toContain('href="https://ppa.example.gov.ph/ppas/ppa-1"');
  });

  it('escapes everything it puts in HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const email = notificationEmail({ title: '<script>alert(1)</script>', body: 'PPA: <img src=x>', link: '/ppas/"><script>' }, origin);
    expect(email.html).not.toMatch(/<script>|<img/);
  });

  it('the digest lists what waits, oldest first, with days waiting, one per Manila day', () => {
    const now = new Date('2026-05-04T23:30:00Z'); // 07:30 on Tuesday 5 May in Manila
    const entries = [
      {
        id: 'b',
        title: 'Newer',
        moaCode: 'MAFAR',
        approvalStage: 'budget_review' as const,
        budgetAllocation: '141631593.00',
        waitingSince: '2026-05-03T00:00:00.000Z',
        daysWaiting: 1,
      },
      {
        id: 'a',
        title: 'Older',
        moaCode: 'MSSD',
        approvalStage: 'technical_review' as const,
        budgetAllocation: null,
        waitingSince: '2026-04-20T00:00:00.000Z',
        daysWaiting: 14,
      },
    ];
    const email = digestEmail('Farida Reviewer', entries, now, origin);
    expect(email.subject).toBe('2 PPAs wait on your decision (Tuesday, May 5, 2026)');
    expect(email.text).toContain(
      '1. Older (MSSD)\n   Technical review · no allocation yet · waiting 14 days\n   https://ppa.example.gov.ph/ppas/a\n\n2. Newer (MAFAR)\n   Budget review · ₱141,631,593.00 · waiting 1 day',
    );
    expect(email.html.indexOf('Older')).toBeLessThan(email.html.indexOf('Newer'));
    expect(digestEmail('X', [entries[0]!], now, origin).subject).toBe('1 PPA waits on your decision (Tuesday, May 5, 2026)');
    expect(digestDeliveryKey('user-1', now)).toBe('digest:user-1:2026-05-05');
    expect(digestDeliveryKey('user-1', new Date('2026-05-04T15:59:59Z'))).toBe('digest:user-1:2026-05-04');
  });

  it('a digest with modification requests links each to its decision page, and names what waits', () => {
    const now = new Date('2026-05-04T23:30:00Z');
    const request = {
      id: 'p',
      title: 'Quick Response Fund',
      moaCode: 'MSSD',
      approvalStage: 'enacted' as const,
      budgetAllocation: null,
      waitingSince: '2026-05-01T00:00:00.000Z',
      daysWaiting: 4,
      modification: { requestId: 'r1', totalAmount: '1000000.00' },
    };
    const ppaEntry = {
      id: 'a',
      title: 'Older',
      moaCode: 'MSSD',
      approvalStage: 'technical_review' as const,
      budgetAllocation: null,
      waitingSince: '2026-04-20T00:00:00.000Z',
      daysWaiting: 14,
    };
    const onlyRequests = digestEmail('Head', [request], now, origin);
    expect(onlyRequests.subject).toBe('1 modification request waits on your decision (Tuesday, May 5, 2026)');
    expect(onlyRequests.text).toContain(
      '1. Quick Response Fund (MSSD)\n   Modification request · ₱1,000,000.00 · waiting 4 days\n   https://ppa.example.gov.ph/modifications/r1',
    );
    expect(onlyRequests.text).toContain('Your review queue: https://ppa.example.gov.ph/modifications?waiting=1');
    const both = digestEmail('Reviewer', [request, ppaEntry], now, origin);
    expect(both.subject).toBe('2 PPAs and modification requests wait on your decision (Tuesday, May 5, 2026)');
    expect(both.text).toContain('These wait on your decision');
    expect(both.text).toContain('Your review queue: https://ppa.example.gov.ph/reviews');
  });
});
