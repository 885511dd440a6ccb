'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { validateTokenName } from './api-tokens-model';
import { formatManilaDateTime } from './format';
import { useTRPC } from './trpc-provider';
import { useConfirm } from './confirm-dialog';
import { Skeleton } from './skeleton';

/** Create, list and revoke personal API tokens. A new token's secret is shown once. */
export function ApiTokensPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiToken.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() });
  const create = useMutation(trpc.apiToken.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiToken.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = validateTokenName(name);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    const created = await create.mutateAsync(parsed.request).catch((err: Error) => setError(err.message));
    if (created) {
      setSecret(created.token);
      setName('');
    }
  }

  return (
    <div className="space-y-4">
      {confirmDialog}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
        <div className="min-w-0 flex-1">
          <label htmlFor="token-name" className="block text-sm font-medium">
            Token name
          </label>
          <input
            id="token-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="BPDA dashboard"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'token-name-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
        {error && (
          <p id="token-name-error" className="w-full text-sm text-rose-700">
            {error}
          </p>
        )}
      </form>
      {secret && (
        <div role="status" className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-300">
          <p className="font-medium">Copy this token now; it will not be shown again.</p>
          <code className="mt-1 block break-all rounded bg-white px-2 py-1" data-testid="new-token">
            {secret}
          </code>
        </div>
      )}
      {tokens.isPending ? (
        <Skeleton label="Loading tokens…" rows={2} rowHeight="h-12" />
      ) : tokens.data?.length ? (
        <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200" aria-label="API tokens">
          {tokens.data.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <div>
                <p className="font-medium">
                  {t.name} <code className="text-xs text-slate-500">{t.displayPrefix}…</code>
                </p>
                <p className="text-xs text-slate-600">
                  Created {formatManilaDateTime(t.createdAt)}
                  {t.lastUsedAt ? ` · last used ${formatManilaDateTime(t.lastUsedAt)}` : ' · never used'}
                  {t.revokedAt ? ` · revoked ${formatManilaDateTime(t.revokedAt)}` : ''}
                </p>
              </div>
              {!t.revokedAt && (
                <button
                  type="button"
                  className="rounded border border-rose-300 px-2 py-1 text-rose-700 hover:bg-rose-50"
                  onClick={async () => {
                    if (await confirm({ title: `Revoke "${t.name}"?`, message: 'Systems using it will stop working.', confirmLabel: 'Revoke', tone: 'danger' }))
                      revoke.mutate({ id: t.id });
                  }}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">You have no API tokens yet.</p>
      )}
    </div>
  );
}
