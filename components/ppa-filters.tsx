import Link from 'next/link';
import { APPROVAL_STAGES, PPA_STATUSES } from '@/server/domain/types';
import { STAGE_LABELS, STATUS_LABELS } from './labels';

interface Props {
  moas: { id: string; code: string; name: string }[];
  values: { fy?: string; moa?: string; stage?: string; status?: string; q?: string };
}

const YEARS = Array.from({ length: 6 }, (_, i) => 2027 - i);
const fieldClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** The list's filters as a plain GET form: works without JavaScript and keeps the URL shareable. */
export function PpaFilters({ moas, values }: Props) {
  return (
    <form method="get" action="/ppas" className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-6" role="search">
      <div className="col-span-2">
        <label htmlFor="q" className="text-xs font-medium text-slate-700">Search</label>
        <input id="q" name="q" type="search" defaultValue={values.q} placeholder="Title or description" className={fieldClass} />
      </div>
      <div>
        <label htmlFor="fy" className="text-xs font-medium text-slate-700">Fiscal year</label>
        <select id="fy" name="fy" defaultValue={values.fy ?? ''} className={fieldClass}>
          <option value="">All</option>
          {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="moa" className="text-xs font-medium text-slate-700">MOA</label>
        <select id="moa" name="moa" defaultValue={values.moa ?? ''} className={fieldClass}>
          <option value="">All</option>
          {moas.map((m) => <option key={m.id} value={m.id}>{m.code}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="stage" className="text-xs font-medium text-slate-700">Approval stage</label>
        <select id="stage" name="stage" defaultValue={values.stage ?? ''} className={fieldClass}>
          <option value="">All</option>
          {APPROVAL_STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="text-xs font-medium text-slate-700">Status</label>
        <select id="status" name="status" defaultValue={values.status ?? ''} className={fieldClass}>
          <option value="">All</option>
          {PPA_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </div>
      <div className="col-span-2 flex gap-2 md:col-span-6">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Apply filters</button>
        <Link href="/ppas" className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:underline">Clear</Link>
      </div>
    </form>
  );
}
