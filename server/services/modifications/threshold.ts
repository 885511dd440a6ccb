import { environment } from '../../lib/config';
import { isPesoAmount, parsePesos, type Centavos } from '../../domain/money';

/** ₱1,000,000.00: above it a request crossing classes goes to the executive after MFBM's reviewer. */
export const DEFAULT_EXECUTIVE_THRESHOLD: Centavos = 100_000_000n;

/** MODIFICATION_EXECUTIVE_THRESHOLD in pesos ("1000000.00"); a value that is not an amount is a setup error. */
export function executiveThreshold(env: Record<string, string | undefined> = environment()): Centavos {
  const raw = env.MODIFICATION_EXECUTIVE_THRESHOLD?.trim();
  if (!raw) return DEFAULT_EXECUTIVE_THRESHOLD;
  if (!isPesoAmount(raw) || parsePesos(raw) < 0n) {
    throw new Error(`MODIFICATION_EXECUTIVE_THRESHOLD must be an amount in pesos, like 1000000.00 (got "${raw}").`);
  }
  return parsePesos(raw);
}
