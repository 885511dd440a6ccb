import type { ApprovalStage, PpaStatus } from '@/server/domain/types';
import { STAGE_LABELS, STATUS_LABELS } from './labels';

const STAGE_COLOURS: Record<ApprovalStage, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-300',
  technical_review: 'bg-sky-50 text-sky-800 ring-sky-300',
  budget_review: 'bg-indigo-50 text-indigo-800 ring-indigo-300',
  stakeholder_consultation: 'bg-violet-50 text-violet-800 ring-violet-300',
  executive_approval: 'bg-amber-50 text-amber-800 ring-amber-300',
  approved: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  enacted: 'bg-emerald-800 text-white ring-emerald-900',
  rejected: 'bg-rose-50 text-rose-800 ring-rose-300',
};

export function StageBadge({ stage }: { stage: ApprovalStage }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STAGE_COLOURS[stage]}`}>
      {STAGE_LABELS[stage]}
    </span>
  );
}

export function StatusBadge({ status }: { status: PpaStatus }) {
  return (
    <span className="inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium bg-white ring-1 ring-inset ring-slate-300 text-slate-700">
      {STATUS_LABELS[status]}
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} className="h-2 w-full rounded-full bg-slate-200">
        <div className="h-2 rounded-full bg-brand-600" style={{ width: `${value}%` }} />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-slate-600">{value}%</span>
    </div>
  );
}
