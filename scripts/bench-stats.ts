// What every benchmark script measures with: percentiles of samples, and a function timed over runs.

/** The p-th percentile (nearest rank) of samples in ms; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** `fn` run `warmUp` times unmeasured, then `runs` times, one after another: each run's duration in ms. */
export async function timeRuns(runs: number, warmUp: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
