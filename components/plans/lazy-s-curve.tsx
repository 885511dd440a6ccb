'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { PlanResponse } from '@/server/contracts/plans';
import { ChartSkeleton } from '../skeleton';

const SCurveChart = dynamic(() => import('./s-curve-chart').then((m) => m.SCurveChart), {
  ssr: false,
  loading: () => <ChartSkeleton label="Loading the S-curve…" height="h-72" />,
});

/**
 * The S-curve's chart code is fetched only once its place scrolls into view, so the PPA page's first script
 * stays as it was for everyone who never scrolls down to the plans.
 */
export function LazySCurve(props: { sCurve: PlanResponse['sCurve']; empty: string | null; testId?: string }) {
  const place = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = place.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return <div ref={place}>{seen ? <SCurveChart {...props} /> : <ChartSkeleton label="The S-curve loads when it comes into view." height="h-72" />}</div>;
}
