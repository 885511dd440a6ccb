'use client';

import { useState } from 'react';
import type { PlanRevisionInput } from '@/server/contracts/modification';
import type { PlanResponse } from '@/server/contracts/plans';
import { FinancialPlanForm } from '../plans/financial-plan-form';
import { IndicatorsForm } from '../plans/indicators-form';
import { secondaryButton } from '../ui/modal';
import { PlanRevisionSummary } from './plan-revision-summary';

/** The plan in force, as a revision starts from it (the indicators keep their keys, so accomplishments follow). */
export function revisionFromPlan(plan: Pick<PlanResponse, 'classes' | 'indicators'>): PlanRevisionInput {
  return {
    classes: plan.classes.map((c) => ({ allotmentClass: c.allotmentClass, obligations: c.obligations, disbursements: c.disbursements })),
    indicators: plan.indicators.map((i) => ({
      key: i.key,
      name: i.name,
      unit: i.unit,
      annualTarget: i.annualTarget,
      quarterTargets: i.quarterTargets,
      workItemId: i.workItemId,
    })),
  };
}

/**
 * "Revise the plans with this request": the PPA's plan in force, and the revised Financial Plan and indicators
 * the request carries, edited with the plan's own forms. Nothing is saved here: the request's Save or Submit
 * sends the revision with it, and the server checks that it balances when the request is submitted.
 */
export function PlanRevisionSection(props: { plan: PlanResponse; revision: PlanRevisionInput | null; onChange: (revision: PlanRevisionInput | null) => void }) {
  const { plan, revision, onChange } = props;
  const [editing, setEditing] = useState<'financial' | 'indicators' | null>(null);
  const asPlan = revision
    ? {
        ...plan,
        classes: revision.classes.map((c) => ({ ...c })),
        indicators: revision.indicators.map((i) => ({ ...i, key: i.key ?? '', workItemId: i.workItemId ?? null, workItemTitle: null, accomplishments: [] })),
      }
    : plan;

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-base font-semibold">Plan revision (optional)</legend>
      <p className="text-sm text-slate-600">
        The plans are locked with the budget. To change the Financial Plan or the indicators, revise them here: the revision is decided with this request and,
        once approved, becomes the plan (the current version is kept). Moving obligation targets to another allotment class goes to MFBM.
      </p>
      {!revision ? (
        <>
          <PlanRevisionSummary heading="Plan in force" classes={plan.classes} indicators={plan.indicators} />
          <button type="button" className={secondaryButton} onClick={() => onChange(revisionFromPlan(plan))}>
            Revise the plans with this request
          </button>
        </>
      ) : editing === 'financial' ? (
        <FinancialPlanForm
          plan={asPlan}
          onCancel={() => setEditing(null)}
          onDraft={(classes) => {
            // The form edits one allotment class; the revision's other classes stay as they are.
            const others = revision.classes.filter((c) => !classes.some((n) => n.allotmentClass === c.allotmentClass));
            onChange({ ...revision, classes: [...classes, ...others] });
            setEditing(null);
          }}
        />
      ) : editing === 'indicators' ? (
        <IndicatorsForm
          plan={asPlan}
          onCancel={() => setEditing(null)}
          onDraft={(indicators) => {
            // The form does not show the work item an indicator is tied to: keep the tie it had.
            const tieOf = new Map(revision.indicators.flatMap((i) => (i.key ? [[i.key, i.workItemId ?? null] as const] : [])));
            onChange({ ...revision, indicators: indicators.map((i) => ({ ...i, workItemId: i.key ? (tieOf.get(i.key) ?? null) : null })) });
            setEditing(null);
          }}
        />
      ) : (
        <>
          <PlanRevisionSummary heading="Revised plan" classes={revision.classes} indicators={revision.indicators} />
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondaryButton} onClick={() => setEditing('financial')}>
              Edit the revised Financial Plan
            </button>
            <button type="button" className={secondaryButton} onClick={() => setEditing('indicators')}>
              Edit the revised indicators
            </button>
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                if (window.confirm('Remove the plan revision from this request? The plan in force stays as it is.')) onChange(null);
              }}
            >
              Remove the plan revision
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
