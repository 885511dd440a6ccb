import { centavosOf, formatPesos, percentOf } from '@/server/domain/money';
import type { PpaDetail } from '@/server/routers/ppa/ppa.types';
import { humanize } from './labels';

type Item = PpaDetail['workItems'][number];

/** The execution tree as nested lists: title, type, allocation and its share of the parent's. */
export function WorkItemOutline({ items }: { items: Item[] }) {
  const children = new Map<string | null, Item[]>();
  for (const item of items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);

  function render(parent: Item | null) {
    const list = children.get(parent?.id ?? null) ?? [];
    if (list.length === 0) return null;
    return (
      <ul className={parent ? 'ml-4 border-l border-slate-200 pl-3' : 'mt-3'}>
        {list.map((item) => {
          const share = parent ? percentOf(centavosOf(item.allocatedBudget), centavosOf(parent.allocatedBudget)) : null;
          return (
            <li key={item.id} className="py-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 text-sm">
                <span>
                  <span className="font-medium">{item.title}</span>{' '}
                  <span className="text-xs text-slate-500">{humanize(item.workType)} · {humanize(item.status)} · {item.progress}%</span>
                </span>
                <span className="tabular-nums">
                  {formatPesos(centavosOf(item.allocatedBudget))}
                  {share !== null && <span className="text-xs text-slate-500"> ({share}%)</span>}
                </span>
              </div>
              {render(item)}
            </li>
          );
        })}
      </ul>
    );
  }
  return render(null);
}
