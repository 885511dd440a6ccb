import { zListPpasRequest, type ListPpasRequest } from './ppa';

/** A page's search params as Next hands them over: a name may repeat. */
export type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * The PPA list's URL (fy, moa, sector, stage, status, q, sort, order, cursor) as the list request. The page
 * and its CSV/XLSX export read the URL with this one function, so an export holds exactly the PPAs the page
 * lists. A parameter that is not valid is dropped (the list shows everything it would have narrowed), never
 * an error page.
 */
export function listRequestFromSearch(search: SearchParams): ListPpasRequest & { limit: number } {
  const fy = first(search.fy);
  const raw = {
    fiscalYear: fy && /^\d{1,4}$/.test(fy) ? Number(fy) : fy,
    moaId: first(search.moa),
    sector: first(search.sector),
    approvalStage: first(search.stage),
    status: first(search.status),
    q: first(search.q),
    sort: first(search.sort),
    order: first(search.order),
    cursor: first(search.cursor),
  };
  const parsed = zListPpasRequest.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return zListPpasRequest.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}
