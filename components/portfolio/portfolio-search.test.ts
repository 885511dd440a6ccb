import { describe, expect, it } from 'vitest';
import { fiscalYearChoices, portfolioRequestFromSearch, portfolioScope } from './portfolio-search';

describe('dashboard URL', () => {
  it('reads fy, moa (a code, any case) and sector', () => {
    expect(portfolioRequestFromSearch({ fy: '2025', moa: 'mssd', sector: 'social' })).toEqual({ fiscalYear: 2025, moa: 'MSSD', sector: 'social' });
    expect(portfolioRequestFromSearch({ fy: ['2024', '2025'] })).toEqual({ fiscalYear: 2024 });
  });

  it('drops what is not valid instead of failing the page', () => {
    expect(portfolioRequestFromSearch({ fy: 'abc', moa: "MSSD'; drop table ppas", sector: 'space' })).toEqual({});
    expect(portfolioRequestFromSearch({ fy: '1999', moa: 'MSSD' })).toEqual({ moa: 'MSSD' });
    expect(portfolioRequestFromSearch({ fy: '', moa: '', sector: '' })).toEqual({});
  });

  it('offers the years with PPAs and the years around this one, newest first', () => {
    expect(fiscalYearChoices([2019, 2026], 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2019]);
  });

  it('says whose PPAs the dashboard shows: the MOA filtered on, else the viewer’s MOA or all, and the sector', () => {
    expect(portfolioScope({ moa: 'MAFAR' }, true)).toBe('MAFAR’s PPAs');
    expect(portfolioScope({}, true)).toBe('All MOAs');
    expect(portfolioScope({}, false)).toBe('Your MOA’s PPAs');
    expect(portfolioScope({ moa: 'MSSD', sector: 'economic' }, true)).toBe('MSSD’s PPAs · Economic sector');
    expect(portfolioScope({ sector: 'social' }, false)).toBe('Your MOA’s PPAs · Social sector');
  });
});
