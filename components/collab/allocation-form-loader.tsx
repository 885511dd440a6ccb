'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '../skeleton';

/**
 * The allocation form, rendered in the browser only. Server-rendering it would load Yjs inside Next's server
 * bundle, a second copy next to the one the custom server's collaboration endpoint already runs in the same
 * process, and Yjs then warns "Yjs was already imported" (its constructor checks break across copies). The
 * form has nothing to show before its websocket connects anyway.
 */
export const AllocationFormLoader = dynamic(() => import('./allocation-form').then((m) => m.AllocationForm), {
  ssr: false,
  loading: () => <Skeleton label="Opening the shared draft…" rows={6} rowHeight="h-10" />,
});
