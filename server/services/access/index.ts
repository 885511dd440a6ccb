/**
 * The access home: who may see and change which PPA, for every module. Procedures declare the roles
 * (server/trpc.ts: `editorProcedure`, `roleProcedure`); everything that depends on a row (its MOA) is here:
 * WHERE conditions for queries, loaders that lock rows in the one lock order (PPA, then parent, then children),
 * and asserts. The pure predicates they rest on are in server/domain/access.ts.
 */
export { seesAllMoas } from '../../domain/access';
export { assertSignedIn } from './signed-in';
export { findVisiblePpa, loadWorkItem, visibleMoas, visiblePpasCondition, type PpaRow, type RowLock, type RowLockOption, type WorkItemRow } from './ppa-scope';
export { assertCanCreatePpaFor, assertCanEditPpa, loadPpaForEdit, loadWorkItemForEdit, lockPpaForBudgetChange, mayEditPpa, newPpaMoaFor } from './ppa-edit';
export { assertMayDecide, assertMayRequest, mayDecide, mayRequest } from './modifications';
export {
  assertPlansUnlocked,
  findPlanPpa,
  findPlanPpaForChange,
  mayChangePlans,
  mayRecordAccomplishments,
  PLAN_WRITER_REFUSAL,
  PLANS_LOCKED_MESSAGE,
} from './plans';
