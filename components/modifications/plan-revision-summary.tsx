import { formatStoredPesos } from '../format';
import { quantityWords } from '../plans/plan-model';

interface SummaryClass {
  allotmentClass: string;
  obligations: readonly string[];
}

interface SummaryIndicator {
  name: string;
  unit: string;
  quarterTargets: readonly string[];
}

/** A plan at a glance: each class's obligation targets by quarter and each indicator's quarterly targets. */
export function PlanRevisionSummary(props: { heading: string; classes: readonly SummaryClass[]; indicators: readonly SummaryIndicator[] }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="font-medium">{props.heading}</p>
      {props.classes.length === 0 ? (
        <p className="text-slate-600">No Financial Plan yet.</p>
      ) : (
        <ul className="space-y-1" aria-label={`${props.heading}: obligation targets`}>
          {props.classes.map((c) => (
            <li key={c.allotmentClass} className="tabular-nums">
              <span className="font-medium">{c.allotmentClass}</span> obligations:{' '}
              {c.obligations.map((a, q) => `Q${q + 1} ${formatStoredPesos(a)}`).join(' · ')}
            </li>
          ))}
        </ul>
      )}
      <ul className="space-y-1" aria-label={`${props.heading}: indicators`}>
        {props.indicators.map((i, n) => (
          <li key={n}>
            {i.name} ({i.unit}): {i.quarterTargets.map((t, q) => `Q${q + 1} ${quantityWords(t)}`).join(' · ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
