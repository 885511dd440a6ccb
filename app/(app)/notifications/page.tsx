import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { NotificationsList } from '@/components/notifications/notifications-list';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  await requireViewer();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">
          Decisions on your PPAs, reviews waiting on you, alerts, and budget unlocks. Which of them also come by email is set on your{' '}
          <Link href="/profile" className="text-brand-700 underline">
            profile
          </Link>
          .
        </p>
      </div>
      <NotificationsList />
    </div>
  );
}
