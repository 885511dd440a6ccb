import { zPortfolioRequest, type PortfolioRequest } from '@/server/contracts/portfolio';
import { humanize } from '../labels';

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * The dashboard's URL (fy, moa as a MOA code, sector) as the portfolio request. A parameter that is not valid
 * is dropped, so a mistyped link shows the wider portfolio instead of an error page.
 */
export function portfolioRequestFromSearch(search: Search): PortfolioRequest {
  const fy = first(search.fy);
  const raw = { fiscalYear: fy && /^\d{1,4}$/.test(fy) ? Number(fy) : fy, moa: first(search.moa), sector: first(search.sector) };
  const parsed = zPortfolioRequest.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return zPortfolioRequest.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}

/** The fiscal years the year filter offers: those with PPAs, and this year with the next and five before. */
export function fiscalYearChoices(withPpas: readonly number[], currentYear: number): number[] {
  const years = new Set([...withPpas, ...Array.from({ length: 7 }, (_, i) => currentYear + 1 - i)]);
  return [...years].sort((a, b) => b - a);
}

/**
 * Whose PPAs the dashboard shows, as its subtitle says it: the MOA filtered on ("MAFAR’s PPAs"), else the viewer's
 * own MOA's or all MOAs', with the sector filtered on ("· Economic sector").
 */
export function portfolioScope(request: Pick<PortfolioRequest, 'moa' | 'sector'>, seesAllMoas: boolean): string {
  const whose = request.moa ? `${request.moa}’s PPAs` : seesAllMoas ? 'All MOAs' : 'Your MOA’s PPAs';
  return request.sector ? `${whose} · ${humanize(request.sector)} sector` : whose;
}
