'use client';

import { ResponsiveContainer, Text, type XAxisTickContentProps } from 'recharts';
import { labelWidth } from './chart-data';

/**
 * The frame every chart of the app is drawn in: a figure with its caption, a fixed height, and, when there is
 * nothing meaningful to draw, a message in the chart's place instead of empty or misleading axes.
 */
export function ChartFrame({
  title,
  testId,
  empty,
  height = 'h-64',
  className = '',
  children,
}: {
  title: string;
  testId: string;
  /** Why there is nothing to draw yet; null draws the chart. */
  empty?: string | null;
  height?: string;
  className?: string;
  children: React.ReactElement;
}) {
  return (
    <figure aria-label={title} className={className}>
      <figcaption className="mb-1 text-sm font-medium">{title}</figcaption>
      {empty ? (
        <div
          data-testid={testId}
          data-empty="true"
          className={`${height} flex items-center justify-center rounded-md border border-dashed border-slate-300 px-4 text-center text-sm text-slate-600`}
        >
          <p>{empty}</p>
        </div>
      ) : (
        <div className={height} data-testid={testId}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** Axis props shared by the peso charts (ticks small enough for a phone). */
export const AXIS_TICK = { fontSize: 11 } as const;

/**
 * A category axis label kept within its own share of the axis: wrapped onto two lines, then shortened with "…"
 * (the bar's tooltip has the whole name). Give the axis `height={LABEL_AXIS_HEIGHT}`.
 */
export function WrappedTick({ x, y, payload, width, visibleTicksCount, orientation }: XAxisTickContentProps) {
  return (
    <Text
      x={Number(x)}
      y={Number(y)}
      width={labelWidth(Number(width), visibleTicksCount)}
      maxLines={2}
      textAnchor="middle"
      verticalAnchor="start"
      fontSize={AXIS_TICK.fontSize}
      fill="#475569"
      className="recharts-cartesian-axis-tick-value"
      orientation={orientation}
    >
      {String(payload.value)}
    </Text>
  );
}

export const LABEL_AXIS_HEIGHT = 40;
