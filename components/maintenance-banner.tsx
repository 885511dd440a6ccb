'use client';

import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc-provider';

type MaintenanceState = { on: boolean; message: string; changedAt: string | null };

/**
 * The banner every page shows while maintenance mode is on. The layout hands it the state it read; it asks again
 * every 30 s, so a page left open learns when maintenance starts or ends.
 */
export function MaintenanceBanner({ initial }: { initial: MaintenanceState }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery({ ...trpc.system.maintenance.queryOptions(), initialData: initial, refetchInterval: 30_000 });
  // The layout read the switch again (a refresh after a save, a new page): that reading is newer than the one
  // this browser holds, which initialData alone would keep until the next 30 s check.
  const applied = useRef(initial);
  useEffect(() => {
    if (applied.current.on === initial.on && applied.current.changedAt === initial.changedAt && applied.current.message === initial.message) return;
    applied.current = initial;
    queryClient.setQueryData(trpc.system.maintenance.queryKey(), initial);
  }, [initial, queryClient, trpc]);
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
