import Link from 'next/link';

/** The input style every filter form shares (list, portfolio, reports). */
export const filterFieldClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

interface FilterSelectProps {
  name: string;
  label: string;
  defaultValue: string;
  options: readonly { value: string; label: string }[];
  /** The first, empty choice ("All", "Mine"); none when a value is always chosen (the fiscal year). */
  anyLabel?: string;
}

/** One labelled select of a plain GET filter form: works without JavaScript and keeps the URL shareable. */
export function FilterSelect({ name, label, defaultValue, options, anyLabel }: FilterSelectProps) {
  return (
    <div>
      <label htmlFor={name} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={name} name={name} defaultValue={defaultValue} className={filterFieldClass}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The submit button and the link that clears every filter. */
export function FilterActions({ submitLabel, clearHref, className }: { submitLabel: string; clearHref: string; className: string }) {
  return (
    <div className={className}>
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        {submitLabel}
      </button>
      <Link href={clearHref} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:underline">
        Clear
      </Link>
    </div>
  );
}

export function yearOptions(years: readonly number[]) {
  return years.map((y) => ({ value: String(y), label: String(y) }));
}
