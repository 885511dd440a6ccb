/**
 * Who may call which REST operation, as the HTTP status each caller gets: the one table of expected outcomes
 * (checked by server/http/authorization-matrix.integration.test.ts against every operation of the OpenAPI document).
 *
 * Rules (docs/domain-rules.md, "Approval workflow"): planners and viewers see only their own MOA's PPAs, and another MOA's PPA is "not found"
 * (404), never "forbidden", so its existence does not leak; viewers, MFBM reviewers and executives do not
 * write (403); an admin does everything; accounts are admin only; a locked budget refuses every change of an
 * allocation (409), and plans lock with it; the ledger takes entries only on a PPA approved out of budget review, and a payment only within
 * its item's obligations (409); each approval stage is decided by its role; a modification request is written by the
 * PPA's planners and decided by the role it waits on (the MOA head within one class, MFBM across classes); a notification is its recipient's alone (anyone
 * else, admins included, gets 404). Without a valid token (none, revoked, or its user deactivated after the token
 * was made) every operation is 401. The portfolio and the reports answer every role with what it may see: for a
 * planner or viewer, another MOA's portfolio or report is empty (200), as the PPA list is.
 *
 * A key is "METHOD /path" as in the OpenAPI document, optionally followed by " — variant" when one operation
 * is checked on more than one kind of target. `target` says what the call acts on (the test builds it).
 */
export const CALLERS = ['anonymous', 'revoked', 'deactivated', 'admin', 'planner', 'otherPlanner', 'reviewer', 'executive', 'viewer', 'moaHead'] as const;
export type Caller = (typeof CALLERS)[number];
export type ExpectedStatus = 200 | 400 | 401 | 403 | 404 | 409;
export type MatrixRow = { target: string } & Record<Caller, ExpectedStatus>;

/** Demo accounts (db/seed/demo-data.ts): planner, viewer and moaHead are MSSD's, otherPlanner is MAFAR's. */
export const CALLER_EMAILS: Record<Exclude<Caller, 'anonymous' | 'revoked' | 'deactivated'>, string> = {
  admin: 'admin@example.org',
  planner: 'planner@example.org',
  otherPlanner: 'planner.mafar@example.org',
  reviewer: 'reviewer@example.org',
  executive: 'executive@example.org',
  viewer: 'viewer@example.org',
  moaHead: 'head.mssd@example.org',
};

/** No valid token: no header, a revoked token, or the token of a user deactivated since. */
const OUT = { anonymous: 401, revoked: 401, deactivated: 401 } as const;

/** The part of a key before " — variant": the operation as the OpenAPI document names it. */
export function operationOf(key: string): string {
  return key.split(' — ')[0]!;
}

// prettier-ignore
export const AUTHORIZATION_MATRIX = {
  'GET /alerts':                                                { target: 'the Livelihood PPA’s alerts (?ppaId=)',  ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /alerts/{id}/acknowledge':                              { target: 'the Livelihood overspend alert',          ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 403, moaHead: 403 },
  'POST /alerts/{id}/resolve':                                  { target: 'the Livelihood overspend alert',          ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 403, moaHead: 403 },
  'GET /moas':                                                  { target: '—',                                       ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /notifications':                                         { target: 'the caller’s own (?unread=true)',         ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /notifications/{id}/read':                              { target: 'the MSSD planner’s rejection notice',     ...OUT, admin: 404, planner: 200, otherPlanner: 404, reviewer: 404, executive: 404, viewer: 404, moaHead: 404 },
  'GET /portfolio':                                             { target: 'FY 2026, moa=MSSD (another MOA: empty)',  ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /portfolio/s-curve':                                     { target: 'FY 2026, moa=MSSD (another MOA: empty)',  ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /ppas':                                                  { target: '—',                                       ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas':                                                 { target: 'a new PPA with moaId = MSSD',             ...OUT, admin: 200, planner: 200, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}':                                             { target: 'an MSSD draft PPA',                       ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'PATCH /ppas/{id}':                                           { target: 'an MSSD draft PPA, its description',      ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PATCH /ppas/{id} — budget of the locked Livelihood PPA':     { target: 'Livelihood, budgetAllocation',            ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions':                                { target: 'a new MSSD draft → technical review',     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — technical → budget review':    { target: 'an MSSD PPA in technical review',         ...OUT, admin: 200, planner: 403, otherPlanner: 404, reviewer: 200, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — technical review → rejected':  { target: 'an MSSD PPA in technical review',         ...OUT, admin: 200, planner: 403, otherPlanner: 404, reviewer: 200, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — budget → executive approval':  { target: 'an MSSD PPA in budget review',            ...OUT, admin: 200, planner: 403, otherPlanner: 404, reviewer: 200, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — executive approval → approved':{ target: 'an MSSD PPA in executive approval',       ...OUT, admin: 200, planner: 403, otherPlanner: 404, reviewer: 403, executive: 200, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — approved → enacted':           { target: 'an approved MSSD PPA',                    ...OUT, admin: 200, planner: 403, otherPlanner: 404, reviewer: 403, executive: 200, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/transitions — rejected → draft (reopen)':    { target: 'a rejected MSSD PPA',                     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}/history':                                     { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /ppas/{id}/approvals':                                   { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /reports/budget-execution.xlsx':                         { target: 'FY 2026, moa=MSSD (another MOA: no rows)', ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /reports/coa-variance.xlsx':                             { target: 'FY 2026, moa=MSSD (another MOA: no rows)', ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /reports/physical-report-of-operation.xlsx':             { target: 'FY 2026, moa=MSSD (another MOA: no rows)', ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /reports/saaodb-by-quarter.xlsx':                        { target: 'FY 2026, moa=MSSD (another MOA: no rows)', ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /review-queue':                                          { target: '—',                                       ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas/{id}/enable-workitem-tracking':                   { target: 'a new MSSD draft with an allocation',     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}/budget-allocation-tree':                      { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas/{id}/distribute-budget':                          { target: 'the project of an unlocked MSSD tree',    ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/distribute-budget — locked Livelihood tree': { target: 'the Livelihood project',                  ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/preview-distribution':                       { target: 'the project of an unlocked MSSD tree',    ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}/progress-history':                            { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas/{id}/undo-distribution':                          { target: 'a new distribution in an MSSD tree',      ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/undo-distribution — locked Livelihood tree': { target: 'the Livelihood project',                  ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/sync-from-workitem':                         { target: 'Livelihood (sync is not an allocation)',  ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/lock-budget':                                { target: 'a new unlocked MSSD PPA',                 ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/lock-budget — already locked':               { target: 'Livelihood',                              ...OUT, admin: 409, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/unlock-budget':                              { target: 'a new locked MSSD PPA',                   ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}/plan':                                        { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'PUT /ppas/{id}/plan/financial':                              { target: 'an MSSD draft, a balanced plan',          ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PUT /ppas/{id}/plan/financial — locked Livelihood plan':     { target: 'Livelihood (plan locked with the budget)', ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /ppas/{id}/plan/financial/proposal':                     { target: 'Livelihood',                              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'PUT /ppas/{id}/plan/indicators':                             { target: 'an MSSD draft, one indicator',            ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/plan/accomplishments':                       { target: 'Livelihood, an indicator’s Q1',           ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{id}/plan/accomplishments — short, unexplained':  { target: 'Livelihood, Q2 far below target',         ...OUT, admin: 400, planner: 400, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /users':                                                 { target: '—',                                       ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /users':                                                { target: 'a new MSSD viewer account',               ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PATCH /users/{id}':                                          { target: 'an MSSD viewer account, its name',        ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /users/{id}/password-link':                             { target: 'an MSSD viewer account',                  ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items':                                           { target: 'an unfunded task in an unlocked MSSD tree', ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items — funded, in the locked Livelihood tree':   { target: 'a ₱1.00 task under Livelihood Execution', ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PATCH /work-items/{id}':                                     { target: 'a task in an unlocked MSSD tree, title',  ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PATCH /work-items/{id} — allocation in the locked Livelihood tree': { target: 'Venue Booking, allocatedBudget', ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'DELETE /work-items/{id}':                                    { target: 'a new unfunded task in an MSSD tree',     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'DELETE /work-items/{id} — funded, in the locked Livelihood tree': { target: 'M&E Report (funded, no spending)',    ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items/{id}/move':                                 { target: 'a task, to the top of its parent',        ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items/{id}/move — funded, in the locked Livelihood tree': { target: 'Invitations → Execution',        ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items/{id}/expenditures':                         { target: 'a task of an approved MSSD PPA, obligated', ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items/{id}/expenditures — PPA still a draft':      { target: 'a task in an MSSD draft',                 ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /work-items/{id}/expenditures — above its obligations':  { target: 'a payment above the task’s obligations',  ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /expenditures/{id}/reverse':                            { target: 'a new obligation on an approved MSSD task', ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /expenditures/{id}/reverse — already reversed':         { target: 'a reversed MSSD disbursement',            ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /expenditures/{id}/reverse — obligation already paid':  { target: 'an obligation its payment still needs',   ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'GET /work-items/{id}/expenditures':                          { target: 'Livelihood’s Venue Booking',              ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /modifications':                                         { target: '—',                                       ...OUT, admin: 200, planner: 200, otherPlanner: 200, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'GET /modifications/{id}':                                    { target: 'the Quick Response Fund’s pending request', ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas/{ppaId}/modifications/preview':                   { target: 'a line of the Quick Response Fund',      ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 200, executive: 200, viewer: 200, moaHead: 200 },
  'POST /ppas/{ppaId}/modifications':                           { target: 'a draft on the Quick Response Fund',     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /ppas/{ppaId}/modifications — budget not locked':       { target: 'a draft on an unlocked MSSD tree',       ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PUT /modifications/{id}':                                    { target: 'a draft on the Quick Response Fund',     ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'PUT /modifications/{id} — already submitted':                { target: 'the Quick Response Fund’s pending request', ...OUT, admin: 409, planner: 409, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /modifications/{id}/submit':                            { target: 'a new ₱1.00 draft on the Quick Response Fund', ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /modifications/{id}/withdraw':                          { target: 'a new submitted ₱1.00 request',          ...OUT, admin: 200, planner: 200, otherPlanner: 404, reviewer: 403, executive: 403, viewer: 403, moaHead: 403 },
  'POST /modifications/{id}/decision':                          { target: 'approve a new request within MOOE',      ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 403, executive: 403, viewer: 403, moaHead: 200 },
  'POST /modifications/{id}/decision — across classes':         { target: 'approve a new MOOE → CO request',        ...OUT, admin: 200, planner: 403, otherPlanner: 403, reviewer: 200, executive: 403, viewer: 403, moaHead: 403 },
  'POST /modifications/{id}/decision — already decided':        { target: 'the seeded rejected request',            ...OUT, admin: 409, planner: 403, otherPlanner: 403, reviewer: 409, executive: 409, viewer: 403, moaHead: 409 },
} satisfies Record<string, MatrixRow>;

export type MatrixKey = keyof typeof AUTHORIZATION_MATRIX;
