import { PPA_LIST_SORTS, type PpaListSort } from '@/server/contracts/ppa';

/** The list page's URL parameters (strings only; a repeated name counts once, as the page reads it). */
export type ListSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The direction a column sorts in on its first click: amounts, rates and waiting time largest first. */
export const FIRST_ORDER: Record<PpaListSort, 'asc' | 'desc'> = {
  title: 'asc',
  allocation: 'desc',
  utilisation: 'desc',
  progress: 'desc',
  stage: 'asc',
  daysInStage: 'desc',
};

export function currentSort(search: ListSearch): { sort: PpaListSort; order: 'asc' | 'desc' } | null {
  const sort = first(search.sort);
  if (!sort || !(PPA_LIST_SORTS as readonly string[]).includes(sort)) return null;
  return { sort: sort as PpaListSort, order: first(search.order) === 'desc' ? 'desc' : 'asc' };
}

/** The URL's parameters without the page cursor (a new sort or filter starts again at the first page). */
function paramsWithout(search: ListSearch, drop: string[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    const v = first(value);
    if (v && !drop.includes(key)) params.set(key, v);
  }
  return params;
}

/** The link behind a column header: sort by it, or flip its order when it already sorts the list. */
export function sortHref(search: ListSearch, column: PpaListSort): string {
  const current = currentSort(search);
  const order = current?.sort === column ? (current.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column];
  const params = paramsWithout(search, ['cursor', 'sort', 'order']);
  params.set('sort', column);
  params.set('order', order);
  return `/ppas?${params}`;
}

/** aria-sort of a column header: only the column the list is sorted by has one. */
export function ariaSort(search: ListSearch, column: PpaListSort): 'ascending' | 'descending' | undefined {
  const current = currentSort(search);
  if (current?.sort !== column) return undefined;
  return current.order === 'asc' ? 'ascending' : 'descending';
}

/** The export of exactly this list (every page): the same filters and order, no cursor. */
export function exportHref(search: ListSearch, format: 'csv' | 'xlsx'): string {
  const params = paramsWithout(search, ['cursor']);
  const query = params.toString();
  return `/api/ppas/export.${format}${query ? `?${query}` : ''}`;
}
