'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useTRPC } from '../trpc-provider';
import { badgeText, bellLabel } from './notification-labels';

/** How often the count is fetched while the live stream is down (it reconnects by itself meanwhile). */
const FALLBACK_POLL_MS = 30_000;

/**
 * The bell in the header, on every page: the unread count, live. The count comes over a tRPC subscription
 * (server-sent events); while that stream is down the count is fetched every 30 s and on returning to the tab.
 * A new count also refreshes an open notifications list.
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useSubscription(
    trpc.notification.onUnreadCount.subscriptionOptions(undefined, {
      onData: ({ count }) => {
        queryClient.setQueryData(trpc.notification.unreadCount.queryKey(), { count });
        void queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() });
      },
    }),
  );
  const unread = useQuery(
    trpc.notification.unreadCount.queryOptions(undefined, {
      refetchInterval: live.status === 'error' || live.status === 'connecting' ? FALLBACK_POLL_MS : false,
      refetchOnWindowFocus: true,
    }),
  );
  const count = unread.data?.count;
  const badge = count === undefined ? null : badgeText(count);
  return (
    <Link
      href="/notifications"
      aria-label={count === undefined ? 'Notifications' : bellLabel(count)}
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-6 w-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {badge && (
        <span
          aria-hidden="true"
          className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {badge}
        </span>
      )}
    </Link>
  );
}
