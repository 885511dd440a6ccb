'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc-provider';
import { EMAIL_SWITCH_LABELS } from './notification-labels';

/** The profile page's email switches: one per kind the person's role is told of (in the app, always). */
export function EmailPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.notification.preferences.queryOptions());
  const change = useMutation(
    trpc.notification.setPreference.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notification.preferences.queryKey(), next),
    }),
  );
  if (preferences.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading…
      </p>
    );
  if (preferences.isError)
    return (
      <p role="alert" className="text-sm text-rose-700">
        {preferences.error.message}
      </p>
    );
  if (preferences.data.length === 0) return <p className="text-sm text-slate-600">Your role is not sent notifications.</p>;
  return (
    <fieldset className="space-y-1">
      <legend className="mb-2 text-sm text-slate-700">Email me when…</legend>
      {preferences.data.map((p) => (
        <label key={p.kind} className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={p.emailEnabled}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ kind: p.kind, emailEnabled: e.target.checked })}
          />
          {EMAIL_SWITCH_LABELS[p.kind]}
        </label>
      ))}
      {change.error && (
        <p role="alert" className="text-sm text-rose-700">
          {change.error.message}
        </p>
      )}
    </fieldset>
  );
}
