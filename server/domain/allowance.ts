/**
 * A budget that refills at a steady rate up to a cap (a token bucket): spending within it is allowed, a burst
 * up to the cap at once. The collaboration server decides on each websocket message before y-websocket sees
 * it, synchronously and in order, which rate-limiter-flexible's promise-based limiters cannot do; this is the
 * whole of what is needed. Time is given, in ms, so the rule is tested without waiting.
 */
export interface Allowance {
  /** Spends `cost` at time `at` if the budget holds it, and says whether it did (nothing is spent if not). */
  spend(cost: number, at: number): boolean;
}

export function allowance({ perSecond, burst }: { perSecond: number; burst: number }, startAt: number): Allowance {
  let left = burst;
  let since = startAt;
  return {
    spend(cost, at) {
      if (at > since) {
        left = Math.min(burst, left + ((at - since) * perSecond) / 1000);
        since = at;
      }
      if (cost > left) return false;
      left -= cost;
      return true;
    },
  };
}
