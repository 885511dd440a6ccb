import { z } from 'zod';
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

/** A calendar date, YYYY-MM-DD (dates are Asia/Manila calendar days, no time). */
export const zCalendarDate = z.iso.date({ error: 'Enter a date as YYYY-MM-DD.' });

export const zId = z.uuid({ error: 'That is not a valid id.' });
