import { z } from './zod';
import { isPesoAmount, parsePesos, toPesoString } from '../domain/money';

/** A peso amount as a string ("1500000", "1,500,000.00"), normalised to "1500000.00". Never negative. */
export const zPesoAmount = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!isPesoAmount(value)) {
      ctx.addIssue({ code: 'custom', message: 'Enter an amount in pesos, like 1500000.00.' });
    } else if (parsePesos(value) < 0n) {
      ctx.addIssue({ code: 'custom', message: 'Amounts cannot be negative.' });
    }
  })
  .transform((value) => toPesoString(parsePesos(value)));

/**
 * A calendar date, YYYY-MM-DD (dates are Asia/Manila calendar days, no time), within years a budget plan can
 * mean: 1900–2100. Anything outside is a typo, and some of it (year 0) PostgreSQL cannot even store.
 */
export const zCalendarDate = z.iso
  .date({ error: 'Enter a date as YYYY-MM-DD.' })
  .refine((value) => value >= '1900-01-01' && value <= '2100-12-31', 'Enter a date between 1900 and 2100.');

/** A partial update (PATCH) must change something: `{}` is a mistake, not a no-op. */
export function changesSomething(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (Object.entries(value).every(([key, field]) => key === 'id' || field === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'Send at least one field to change.' });
  }
}

export const zId = z.uuid({ error: 'That is not a valid id.' });

/**
 * Control characters a person cannot have meant: NUL (which PostgreSQL text cannot even hold), escape, bell…
 * Tabs and line breaks are kept for free text; a one-line code (a reference number) refuses them too.
 */
export const STRAY_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const ANY_CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;
