import { APPROVAL_STAGES, PPA_SECTORS, PPA_STATUSES } from '@/server/domain/types';
import { FilterActions, FilterSelect, filterFieldClass, yearOptions } from './filter-fields';
import { humanize, STAGE_LABELS, STATUS_LABELS } from './labels';

interface Props {
  moas: { id: string; code: string; name: string }[];
  values: { fy?: string; moa?: string; sector?: string; stage?: string; status?: string; q?: string; sort?: string; order?: string };
}

const YEARS = Array.from({ length: 6 }, (_, i) => 2027 - i);

/** The list's filters as a plain GET form: works without JavaScript, keeps the URL shareable and the chosen sort. */
export function PpaFilters({ moas, values }: Props) {
  return (
    <form method="get" action="/ppas" className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-7" role="search">
      {values.sort && <input type="hidden" name="sort" value={values.sort} />}
      {values.order && <input type="hidden" name="order" value={values.order} />}
      <div className="col-span-2">
        <label htmlFor="q" className="text-xs font-medium text-slate-700">
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={values.q} placeholder="Title or description" className={filterFieldClass} />
      </div>
      <FilterSelect name="fy" label="Fiscal year" anyLabel="All" defaultValue={values.fy ?? ''} options={yearOptions(YEARS)} />
      <FilterSelect name="moa" label="MOA" anyLabel="All" defaultValue={values.moa ?? ''} options={moas.map((m) => ({ value: m.id, label: m.code }))} />
      <FilterSelect
        name="sector"
        label="Sector"
        anyLabel="All"
        defaultValue={values.sector ?? ''}
        options={PPA_SECTORS.map((s) => ({ value: s, label: humanize(s) }))}
      />
      <FilterSelect
        name="stage"
        label="Approval stage"
        anyLabel="All"
        defaultValue={values.stage ?? ''}
        options={APPROVAL_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
      />
      <FilterSelect
        name="status"
        label="Status"
        anyLabel="All"
        defaultValue={values.status ?? ''}
        options={PPA_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
      />
      <FilterActions submitLabel="Apply filters" clearHref="/ppas" className="col-span-2 flex gap-2 md:col-span-7" />
    </form>
  );
}
