import type { Metadata } from 'next';
import { requireViewer } from '@/app/_lib/server-api';
import { UsersAdmin } from '@/components/admin/users-admin';

export const metadata: Metadata = { title: 'Users' };

/** /admin/users — accounts: create, change role or MOA, deactivate and reactivate, send a password link. */
export default async function UsersPage() {
  const { viewer } = await requireViewer();
  if (viewer.role !== 'admin') {
    return (
      <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="mt-2 text-slate-700">Only an administrator manages accounts. Ask yours if someone needs access.</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          A new account gets a one-time link (valid 24 hours) to set its password. Planners, viewers and MOA heads belong to a MOA.
        </p>
      </div>
      <UsersAdmin currentUserId={viewer.userId} />
    </div>
  );
}
