/**
 * When spending can have happened: not after today in Manila (a voucher is recorded after it is paid), and not
 * before the year before the PPA's fiscal year (early procurement for a PPA starts at most a year ahead).
 * Returns the problem in a planner's words, or null.
 */
export function expenditureDateProblem(date: string, fiscalYear: number, todayInManila: string): string | null {
  if (date > todayInManila) return `The date cannot be after today (${todayInManila}, Manila time).`;
  const earliest = `${fiscalYear - 1}-01-01`;
  if (date < earliest) return `The date cannot be before ${earliest}: this PPA is for fiscal year ${fiscalYear}.`;
  return null;
}
