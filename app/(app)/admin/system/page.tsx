import type { Metadata } from 'next';
import { requireViewer } from '@/app/_lib/server-api';
import { SystemPanel } from '@/components/admin/system-panel';

export const metadata: Metadata = { title: 'System' };

/** /admin/system — maintenance mode, background jobs (success rates, failures, run again), queues, slow statements, version. */
export default async function SystemPage() {
  const { viewer } = await requireViewer();
  if (viewer.role !== 'admin') {
    return (
      <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">System</h1>
        <p className="mt-2 text-slate-700">Only an administrator sees the system’s status.</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">System</h1>
        <p className="text-sm text-slate-600">
          How this deployment is doing: background jobs, queues, slow statements, and the maintenance switch for upgrades (docs/operations.md).
        </p>
      </div>
      <SystemPanel />
    </div>
  );
}
