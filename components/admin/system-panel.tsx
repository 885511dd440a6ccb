'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useConfirm } from '../confirm-dialog';
import { inputClass } from '../ui/modal';
import { FormField } from '../form-field';
import { formatManilaDateTime } from '../format';
import { Skeleton } from '../skeleton';
import { useTRPC } from '../trpc-provider';
import { ageText, belowGoal, durationText, JOB_LABELS, rateText, TRIGGER_LABELS } from './system-model';

const card = 'rounded-lg bg-white p-4 ring-1 ring-slate-200';
const button =
  'inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 disabled:opacity-60 sm:min-h-9';

/** The admin's System page: maintenance switch, background jobs, queues, slow statements, what is running. */
export function SystemPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.system.status.queryOptions(), refetchInterval: 30_000 });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.system.status.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.system.maintenance.queryKey() }),
    ]);
  const setMaintenance = useMutation(trpc.system.setMaintenance.mutationOptions({ onSuccess: refresh }));
  const runAgain = useMutation(trpc.system.runJobAgain.mutationOptions({ onSuccess: () => setTimeout(() => void refresh(), 1500) }));
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();

  if (status.isPending) return <Skeleton label="Loading the system’s status" rows={6} />;
  if (status.isError)
    return (
      <p role="alert" className="text-rose-800">
        The status could not be loaded: {status.error.message}
      </p>
    );
  const s = status.data;

  async function switchMaintenance(on: boolean) {
    const ok = await confirm(
      on
        ? {
            title: 'Turn maintenance mode on?',
            message: 'Everyone can still look at everything, but no one can save changes (you can still turn it off here).',
            confirmLabel: 'Turn on',
            tone: 'danger',
          }
        : { title: 'Turn maintenance mode off?', message: 'Everyone can save changes again.', confirmLabel: 'Turn off' },
    );
    if (!ok) return;
    setError(null);
    try {
      await setMaintenance.mutateAsync({ on, message: on ? message : undefined });
      setNotice(on ? 'Maintenance mode is on.' : 'Maintenance mode is off.');
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function rerun(job: string, afterFailure: boolean) {
    setError(null);
    try {
      await runAgain.mutateAsync({ job, afterFailure });
      setNotice(`${JOB_LABELS[job] ?? job} is running; its run appears below when it ends.`);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="space-y-4">
      {confirmDialog}
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800 ring-1 ring-rose-200">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {notice}
        </p>
      )}

      <section aria-labelledby="maintenance-heading" className={card}>
        <h2 id="maintenance-heading" className="font-semibold">
          Maintenance mode
        </h2>
        {s.maintenance.on ? (
          <div className="mt-2 space-y-2 text-sm">
            <p>
              <strong>On</strong> since {s.maintenance.changedAt ? formatManilaDateTime(s.maintenance.changedAt) : '—'}: no one can save changes.
              {s.maintenance.message && <> Message: “{s.maintenance.message}”</>}
            </p>
            <button type="button" className={button} disabled={setMaintenance.isPending} onClick={() => void switchMaintenance(false)}>
              Turn maintenance mode off
            </button>
          </div>
        ) : (
          <div className="mt-2 space-y-2 text-sm">
            <p>Off. Turn it on before an upgrade: reads keep working, every change is refused with a clear message.</p>
            <FormField id="maintenance-message" label="Message for everyone (optional)">
              <input
                id="maintenance-message"
                className={inputClass}
                maxLength={500}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
                placeholder="Upgrading to the new release; back by 18:30."
              />
            </FormField>
            <button type="button" className={button} disabled={setMaintenance.isPending} onClick={() => void switchMaintenance(true)}>
              Turn maintenance mode on
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby="jobs-heading" className={card}>
        <h2 id="jobs-heading" className="font-semibold">
          Background jobs
        </h2>
        <p className="text-sm text-slate-600">Goal: more than 99% of runs succeed.</p>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">
                  Job
                </th>
                <th scope="col" className="py-2 pr-3">
                  Last 24 h
                </th>
                <th scope="col" className="py-2 pr-3">
                  Last 7 days
                </th>
                <th scope="col" className="py-2 pr-3">
                  Last run
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.jobs.map((job) => (
                <tr key={job.job} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {JOB_LABELS[job.job] ?? job.job}
                  </th>
                  <td className={`py-2 pr-3 ${belowGoal(job.day.rate) ? 'font-semibold text-rose-800' : ''}`}>
                    {rateText(job.day.rate)} <span className="text-slate-500">({job.day.runs})</span>
                  </td>
                  <td className={`py-2 pr-3 ${belowGoal(job.week.rate) ? 'font-semibold text-rose-800' : ''}`}>
                    {rateText(job.week.rate)} <span className="text-slate-500">({job.week.runs})</span>
                  </td>
                  <td className="py-2 pr-3">
                    {job.lastRun
                      ? `${job.lastRun.outcome === 'success' ? 'Succeeded' : 'Failed'} ${formatManilaDateTime(job.lastRun.startedAt)}, ${durationText(job.lastRun.durationMs)}`
                      : 'Never run'}
                  </td>
                  <td className="py-2">
                    <button
                      type="button"
                      className={button}
                      disabled={runAgain.isPending}
                      onClick={() => void rerun(job.job, job.lastRun?.outcome === 'failure')}
                    >
                      Run again<span className="sr-only">: {JOB_LABELS[job.job] ?? job.job}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 className="mt-4 text-sm font-semibold">Failures</h3>
        {s.failures.length === 0 ? (
          <p className="text-sm text-slate-600">No failed runs recorded.</p>
        ) : (
          <ul className="mt-1 space-y-2 text-sm">
            {s.failures.map((run) => (
              <li key={run.id} className="rounded-md bg-rose-50 p-2 ring-1 ring-rose-200">
                <p className="font-medium">
                  {JOB_LABELS[run.job] ?? run.job}, {formatManilaDateTime(run.startedAt)} ({TRIGGER_LABELS[run.trigger] ?? run.trigger}, {run.runner})
                </p>
                <p className="break-words font-mono text-xs">{run.error ?? 'No error message.'}</p>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-4 text-sm font-semibold">Latest runs</h3>
        {s.lastRuns.length === 0 ? (
          <p className="text-sm text-slate-600">No runs recorded yet.</p>
        ) : (
          <ul className="mt-1 text-sm">
            {s.lastRuns.map((run) => (
              <li key={run.id}>
                {formatManilaDateTime(run.startedAt)}: {JOB_LABELS[run.job] ?? run.job}, {run.outcome === 'success' ? 'succeeded' : 'failed'} in{' '}
                {durationText(run.durationMs)} ({TRIGGER_LABELS[run.trigger] ?? run.trigger})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="queues-heading" className={card}>
        <h2 id="queues-heading" className="font-semibold">
          Queues
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">Events waiting</dt>
            <dd className="font-medium">{s.queues.outboxPending}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Oldest event</dt>
            <dd className="font-medium">{ageText(s.queues.outboxOldestAgeSeconds, s.queues.outboxPending)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Emails waiting</dt>
            <dd className="font-medium">{s.queues.emailPending}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Emails failing</dt>
            <dd className="font-medium">{s.queues.emailFailing}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="slow-heading" className={card}>
        <h2 id="slow-heading" className="font-semibold">
          Slow statements and requests
        </h2>
        {s.slow.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing slow recorded.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {s.slow.map((op) => (
              <li key={op.fingerprint} className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
                <p className="break-words font-mono text-xs">{op.statement}</p>
                <p className="text-slate-700">
                  {op.kind === 'query' ? 'Statement' : 'Request'}: {op.occurrences}× , last {durationText(op.lastMs)}, slowest {durationText(op.maxMs)}, last
                  seen {formatManilaDateTime(op.lastSeenAt)}
                  {op.lastRequestId && (
                    <>
                      , request id <code>{op.lastRequestId}</code>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="running-heading" className={card}>
        <h2 id="running-heading" className="font-semibold">
          Running
        </h2>
        <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">Version</dt>
            <dd className="font-medium">
              {s.running.version} (Node.js {s.running.node})
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Database migration</dt>
            <dd className="font-medium">{s.running.migrations.applied ?? 'none'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Migrations pending</dt>
            <dd className="font-medium">{s.running.migrations.pending}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
