'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { roleNeedsMoa } from '@/server/domain/accounts';
import { USER_ROLES, type UserRole } from '@/server/domain/types';
import { inputClass } from '../ui/modal';
import { FormField } from '../form-field';
import { formatManilaDateTime } from '../format';
import { ROLE_LABELS } from '../labels';
import { useTRPC } from '../trpc-provider';
import { useConfirm } from '../confirm-dialog';
import { Skeleton } from '../skeleton';
import { emptyUserDraft, userUpdateRequest, validateNewUser, type UserDraft } from './users-admin-model';

/**
 * The link a new or reset account gets, shown once with the way to pass it on: a copy button, or, where the
 * browser keeps the clipboard from the page (the app opened over plain http from another machine), the link
 * selected for Ctrl+C.
 */
function PasswordLinkNotice({ who, link }: { who: string; link: { url: string; expiresAt: string } }) {
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('Copied: paste it into your message.');
    } catch {
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  }

  return (
    <div role="status" className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-300">
      <p className="font-medium">
        Send this one-time link to {who}; it works once, until {formatManilaDateTime(link.expiresAt)}.
      </p>
      <code ref={code} className="mt-1 block break-all rounded bg-white px-2 py-1" data-testid="password-link">
        {link.url}
      </code>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void copy()}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 font-medium hover:bg-slate-50 sm:min-h-9"
        >
          Copy link
        </button>
        {copied && <span className="text-slate-700">{copied}</span>}
      </div>
    </div>
  );
}

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.user.list.queryOptions());
  const moas = useQuery(trpc.moa.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const create = useMutation(trpc.user.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.user.update.mutationOptions({ onSuccess: refresh }));
  const issueLink = useMutation(trpc.user.issuePasswordLink.mutationOptions({ onSuccess: refresh }));

  const [draft, setDraft] = useState<UserDraft>(emptyUserDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ who: string; link: { url: string; expiresAt: string } } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [editing, setEditing] = useState<(UserDraft & { id: string }) | null>(null);
  const [confirm, confirmDialog] = useConfirm();

  async function submitCreate(e: React.FormEvent) {
    e.preventDefault();
    const parsed = validateNewUser(draft);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    try {
      const created = await create.mutateAsync(parsed.request);
      setNotice({ who: created.user.email, link: created.passwordLink });
      setDraft(emptyUserDraft);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  async function run(action: () => Promise<unknown>) {
    setRowError(null);
    try {
      await action();
    } catch (err) {
      setRowError((err as Error).message);
    }
  }

  const moaOptions = moas.data ?? [];
  return (
    <div className="space-y-6">
      {confirmDialog}
      <section aria-labelledby="new-user" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="new-user" className="text-lg font-semibold">
          New account
        </h2>
        <form onSubmit={submitCreate} noValidate className="mt-3 grid gap-3 sm:grid-cols-2">
          <FormField id="new-email" label="Email" error={errors.email}>
            <input id="new-email" type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} className={inputClass} />
          </FormField>
          <FormField id="new-name" label="Name" error={errors.name}>
            <input id="new-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} className={inputClass} />
          </FormField>
          <FormField id="new-role" label="Role" error={errors.role}>
            <select id="new-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as UserRole })} className={inputClass}>
              {USER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="new-moa" label="MOA" error={errors.moaId}>
            <select
              id="new-moa"
              value={roleNeedsMoa(draft.role) ? draft.moaId : ''}
              disabled={!roleNeedsMoa(draft.role)}
              onChange={(e) => setDraft({ ...draft, moaId: e.target.value })}
              className={inputClass}
            >
              <option value="">{roleNeedsMoa(draft.role) ? 'Choose a MOA' : 'None (reads every MOA)'}</option>
              {moaOptions.map((moa) => (
                <option key={moa.id} value={moa.id}>
                  {moa.code} — {moa.name}
                </option>
              ))}
            </select>
          </FormField>
          <div className="sm:col-span-2">
            {errors.form && (
              <p role="alert" className="mb-2 text-sm text-rose-700">
                {errors.form}
              </p>
            )}
            <button
              type="submit"
              disabled={create.isPending}
              className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {create.isPending ? 'Creating…' : 'Create account'}
            </button>
          </div>
        </form>
      </section>

      {notice && <PasswordLinkNotice key={notice.link.url} who={notice.who} link={notice.link} />}
      {rowError && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {rowError}
        </p>
      )}

      <section aria-labelledby="all-users">
        <h2 id="all-users" className="mb-2 text-lg font-semibold">
          Accounts
        </h2>
        {users.isPending ? (
          <Skeleton label="Loading accounts…" rows={4} rowHeight="h-14" />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200" aria-label="Accounts">
            {(users.data ?? []).map((user) => (
              <li key={user.id} className="space-y-2 p-3 text-sm" data-testid={`user-${user.email}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {user.name} {!user.active && <span className="ml-1 rounded bg-slate-200 px-1.5 py-0.5 text-xs">Deactivated</span>}
                    </p>
                    <p className="break-all text-slate-600">
                      {user.email} · {ROLE_LABELS[user.role]}
                      {user.moaCode ? ` · ${user.moaCode}` : ''}
                      {user.hasPassword ? '' : ' · password not set yet'}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                      onClick={() => setEditing({ id: user.id, email: user.email, name: user.name, role: user.role, moaId: user.moaId ?? '' })}
                    >
                      Edit
                    </button>
                    {user.active && (
                      <button
                        type="button"
                        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                        onClick={() => run(async () => setNotice({ who: user.email, link: await issueLink.mutateAsync({ id: user.id }) }))}
                      >
                        Password link
                      </button>
                    )}
                    {user.id !== currentUserId &&
                      (user.active ? (
                        <button
                          type="button"
                          className="rounded border border-rose-300 px-2 py-1 text-rose-700 hover:bg-rose-50"
                          onClick={async () => {
                            if (
                              await confirm({
                                title: `Deactivate ${user.email}?`,
                                message: 'They are signed out and their API tokens stop working.',
                                confirmLabel: 'Deactivate',
                                tone: 'danger',
                              })
                            )
                              void run(() => update.mutateAsync({ id: user.id, active: false }));
                          }}
                        >
                          Deactivate
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                          onClick={() => run(() => update.mutateAsync({ id: user.id, active: true }))}
                        >
                          Reactivate
                        </button>
                      ))}
                  </div>
                </div>
                {editing?.id === user.id && (
                  <form
                    className="grid gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-4"
                    noValidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      void run(async () => {
                        await update.mutateAsync(userUpdateRequest(editing));
                        setEditing(null);
                      });
                    }}
                  >
                    <FormField id={`edit-name-${user.id}`} label="Name">
                      <input
                        id={`edit-name-${user.id}`}
                        value={editing.name}
                        onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                        className={inputClass}
                      />
                    </FormField>
                    <FormField id={`edit-role-${user.id}`} label="Role">
                      <select
                        id={`edit-role-${user.id}`}
                        value={editing.role}
                        onChange={(e) => setEditing({ ...editing, role: e.target.value as UserRole })}
                        className={inputClass}
                      >
                        {USER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                    </FormField>
                    <FormField id={`edit-moa-${user.id}`} label="MOA">
                      <select
                        id={`edit-moa-${user.id}`}
                        value={roleNeedsMoa(editing.role) ? editing.moaId : ''}
                        disabled={!roleNeedsMoa(editing.role)}
                        onChange={(e) => setEditing({ ...editing, moaId: e.target.value })}
                        className={inputClass}
                      >
                        <option value="">{roleNeedsMoa(editing.role) ? 'Choose a MOA' : 'None'}</option>
                        {moaOptions.map((moa) => (
                          <option key={moa.id} value={moa.id}>
                            {moa.code}
                          </option>
                        ))}
                      </select>
                    </FormField>
                    <div className="flex items-end gap-2">
                      <button
                        type="submit"
                        disabled={update.isPending}
                        className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white disabled:opacity-60"
                      >
                        Save
                      </button>
                      <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-2">
                        Cancel
                      </button>
                    </div>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
