'use client';

import { useSyncExternalStore } from 'react';
import { formatManilaDayAndTime } from './format';

const now = () => formatManilaDayAndTime(new Date().toISOString());

function onPrint(changed: () => void): () => void {
  window.addEventListener('beforeprint', changed);
  return () => window.removeEventListener('beforeprint', changed);
}

/**
 * On paper only: when the page was printed (Manila time), read when it is printed (not when the page was
 * loaded). The page numbers are the print stylesheet's (app/globals.css, "Page 2 of 5" at each page's foot).
 */
export function PrintStamp() {
  const printed = useSyncExternalStore(onPrint, now, () => null);
  if (!printed) return null;
  return (
    <p className="mb-2 hidden text-xs text-slate-600 print:block" data-testid="print-stamp">
      Printed {printed} (Manila time) · PPA Tracker
    </p>
  );
}
