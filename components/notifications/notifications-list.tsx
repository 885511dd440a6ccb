'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatManilaDateTime } from '../format';
import { useTRPC } from '../trpc-provider';
import { detailsOf, leadOf } from './notification-labels';

/**
 * The signed-in person's notifications, newest first: all or unread only, each linking to its PPA (opening it
 * marks it read), with "Mark read" per notification and "Mark all read".
 */
export function NotificationsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery(trpc.notification.list.queryOptions({ unread: unreadOnly || undefined, limit: 100 }, { refetchOnWindowFocus: true }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() }),
    ]);
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notification.markAllRead.mutationOptions({ onSuccess: refresh }));
  const error = markRead.error ?? markAll.error;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <fieldset className="flex gap-1 text-sm" aria-label="Show">
          {[
            { label: 'All', value: false },
            { label: 'Unread', value: true },
          ].map((option) => (
            <button
              key={option.label}
              type="button"
              aria-pressed={unreadOnly === option.value}
              onClick={() => setUnreadOnly(option.value)}
              className={`min-h-11 rounded-md px-3 ${unreadOnly === option.value ? 'bg-brand-600 text-white' : 'border border-slate-300 bg-white hover:bg-slate-50'}`}
            >
              {option.label}
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          disabled={markAll.isPending}
          onClick={() => markAll.mutate()}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50 disabled:opacity-60"
        >
          Mark all read
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {list.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading notifications…
        </p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-rose-700">
          {list.error.message}
        </p>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-600">{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md bg-white ring-1 ring-slate-200" aria-label="Notifications">
          {list.data.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start justify-between gap-2 p-3 text-sm ${n.readAt ? '' : 'bg-brand-50'}`}>
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {!n.readAt && <span className="sr-only">Unread: </span>}
                  <Link href={n.link} onClick={() => !n.readAt && markRead.mutate({ id: n.id })} className="text-brand-700 hover:underline">
                    {n.title}
                  </Link>
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-700">{leadOf(n.body)}</p>
                {detailsOf(n.body) && (
                  <details className="mt-1">
                    <summary className="inline-flex min-h-6 cursor-pointer items-center text-xs text-slate-600">Details</summary>
                    <p className="mt-1 whitespace-pre-line text-slate-700">{detailsOf(n.body)}</p>
                  </details>
                )}
                <p className="mt-1 text-xs text-slate-500">{formatManilaDateTime(n.createdAt)}</p>
              </div>
              {!n.readAt && (
                <button
                  type="button"
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate({ id: n.id })}
                  className="min-h-11 rounded-md border border-slate-300 px-3 hover:bg-slate-50 disabled:opacity-60"
                >
                  Mark read<span className="sr-only">: {n.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
