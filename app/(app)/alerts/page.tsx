import type { Metadata } from 'next';
import { requireViewer } from '@/app/_lib/server-api';
import { AlertsList } from '@/components/alerts-list';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertsPage() {
  const { viewer } = await requireViewer();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Alerts</h1>
      <AlertsList canAct={viewer.role !== 'viewer'} showPpa />
    </div>
  );
}
