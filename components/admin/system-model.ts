/** Words and figures of the System page (/admin/system), kept apart from the page so they are unit-tested. */

/** The goal every job is held to (docs/operations.md). */
export const JOB_SUCCESS_GOAL = 0.99;

/** A success rate as the page shows it: "100%", "98.5%", or "no runs". */
export function rateText(rate: number | null): string {
  if (rate === null) return 'no runs';
  const percent = Math.floor(rate * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Whether a rate is under the goal (a job that never ran is not "under"; it shows "no runs"). */
export function belowGoal(rate: number | null): boolean {
  return rate !== null && rate < JOB_SUCCESS_GOAL;
}

/** A duration in the unit that reads best: "850 ms", "12.4 s", "3 min 5 s". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** How old the oldest waiting event is: "none waiting", "45 s", "12 min". */
export function ageText(seconds: number, pending: number): string {
  if (pending === 0) return 'none waiting';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export const TRIGGER_LABELS: Record<string, string> = { schedule: 'on schedule', event: 'on an event', manual: 'run by an admin', retry: 'retry' };

/** The job names as an operator reads them. */
export const JOB_LABELS: Record<string, string> = {
  'nightly-progress-sync': 'Nightly progress sync (02:00)',
  'daily-approval-bottlenecks': 'Bottleneck and schedule alerts (06:00)',
  'daily-review-digest': 'Daily review digest (07:00)',
};
