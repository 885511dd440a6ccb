import type { FailureLimit, FailureLimits } from '../server/services/rate-limits/failure-limits';

/** Failure limits that count nothing and refuse nobody: for tests whose many refused calls must never reach a limit. */
const neverBlocks: FailureLimit = { retryAfterSeconds: async () => 0, recordFailure: async () => 0, reset: async () => {} };

export const NEVER_BLOCKING_LIMITS: FailureLimits = {
  signInPerAccount: neverBlocks,
  signInPerIp: neverBlocks,
  apiTokenPerIp: neverBlocks,
  setPasswordPerIp: neverBlocks,
};
