/**
 * Placeholders in the shape of what is loading, instead of a bare "Loading…": the page keeps its layout, and
 * a screen reader still hears what is on its way (the label).
 */
export function Skeleton({ label, rows = 3, rowHeight = 'h-8' }: { label: string; rows?: number; rowHeight?: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="skeleton">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className={`${rowHeight} animate-pulse rounded-md bg-slate-200`} style={{ width: `${100 - (i % 3) * 12}%` }} />
      ))}
    </div>
  );
}

export function ChartSkeleton({ label, height = 'h-64' }: { label: string; height?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="skeleton" className={`${height} animate-pulse rounded-md bg-slate-100`}>
      <span className="sr-only">{label}</span>
    </div>
  );
}
