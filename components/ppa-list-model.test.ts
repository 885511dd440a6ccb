import { describe, expect, it } from 'vitest';
import { ariaSort, currentSort, exportHref, sortHref } from './ppa-list-model';

describe('PPA list headers and exports', () => {
  it('a header sorts by its column (amounts largest first), and flips the order when it already sorts', () => {
    expect(sortHref({}, 'title')).toBe('/ppas?sort=title&order=asc');
    expect(sortHref({}, 'allocation')).toBe('/ppas?sort=allocation&order=desc');
    expect(sortHref({ sort: 'allocation', order: 'desc' }, 'allocation')).toBe('/ppas?sort=allocation&order=asc');
    expect(sortHref({ sort: 'allocation', order: 'asc' }, 'allocation')).toBe('/ppas?sort=allocation&order=desc');
  });

  it('keeps the filters, starts again at the first page', () => {
    expect(sortHref({ fy: '2026', moa: 'x', cursor: 'abc', sort: 'title', order: 'asc' }, 'progress')).toBe('/ppas?fy=2026&moa=x&sort=progress&order=desc');
  });

  it('marks only the sorted column with aria-sort', () => {
    expect(ariaSort({ sort: 'daysInStage', order: 'desc' }, 'daysInStage')).toBe('descending');
    expect(ariaSort({ sort: 'daysInStage' }, 'daysInStage')).toBe('ascending');
    expect(ariaSort({ sort: 'daysInStage', order: 'desc' }, 'title')).toBeUndefined();
    expect(ariaSort({}, 'title')).toBeUndefined();
    expect(currentSort({ sort: 'budget; drop table' })).toBeNull();
  });

  it('exports exactly the filtered, sorted list: every page, so no cursor', () => {
    expect(exportHref({ fy: '2026', stage: 'draft', sort: 'title', order: 'desc', cursor: 'abc' }, 'csv')).toBe(
      '/api/ppas/export.csv?fy=2026&stage=draft&sort=title&order=desc',
    );
    expect(exportHref({}, 'xlsx')).toBe('/api/ppas/export.xlsx');
    expect(exportHref({ q: ['a&b', 'c'] }, 'csv')).toBe('/api/ppas/export.csv?q=a%26b');
  });
});
