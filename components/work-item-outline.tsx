import { formatPesos, parsePesos, percentOf } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/routers/budget/budget.types';
import { humanize } from './labels';

/** The allocation tree (already rolled up by the server) as nested lists: allocation and share of the parent. */
export function WorkItemOutline({ root }: { root: AllocationNodeShape }) {
  function render(parent: AllocationNodeShape) {
    if (parent.children.length === 0) return null;
    return (
      <ul className="ml-4 border-l border-slate-200 pl-3">
        {parent.children.map((node) => item(node, percentOf(parsePesos(node.allocated), parsePesos(parent.allocated))))}
      </ul>
    );
  }
  function item(node: AllocationNodeShape, share: number | null) {
    return (
      <li key={node.id} className="py-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 text-sm">
          <span>
            <span className="font-medium">{node.title}</span>{' '}
            <span className="text-xs text-slate-500">{humanize(node.workType)} · {humanize(node.status)} · {node.progress}%</span>
          </span>
          <span className="tabular-nums">
            {formatPesos(parsePesos(node.allocated))}
            {share !== null && <span className="text-xs text-slate-500"> ({share}%)</span>}
          </span>
        </div>
        {render(node)}
      </li>
    );
  }
  return <ul className="mt-3">{item(root, null)}</ul>;
}
