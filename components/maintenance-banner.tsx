'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc-provider';

/**
 * The banner every page shows while maintenance mode is on. The layout hands it the state it read; it asks again
 * every 30 s, so a page left open learns when maintenance starts or ends.
 */
export function MaintenanceBanner({ initial }: { initial: { on: boolean; message: string; changedAt: string | null } }) {
  const trpc = useTRPC();
  const state = useQuery({ ...trpc.system.maintenance.queryOptions(), initialData: initial, refetchInterval: 30_000 });
  if (!state.data.on) return null;
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 print:hidden"
      data-testid="maintenance-banner"
    >
      <strong>Maintenance:</strong>{' '}
      {state.data.message || 'PPA Tracker is being upgraded. You can look at everything, but changes cannot be saved until it is done.'}
    </div>
  );
}
