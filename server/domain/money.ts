/**
 * Money in integer centavos (bigint). Pesos travel as strings with two decimals ("4500000.00") in JSON and
 * in the database's numeric(18,2); floats never touch an amount.
 */
export type Centavos = bigint;

/** The largest amount numeric(18,2) holds: 16 digits of pesos. */
export const MAX_CENTAVOS: Centavos = 10n ** 18n - 1n;

const PESO_PATTERN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

export class InvalidPesoAmountError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a peso amount; write it like 1234567.89`);
  }
}

/** "₱1,234,567.89", "1234567.8", "1234567" → centavos. Anything else (or more than 2 decimals) is refused. */
export function parsePesos(input: string): Centavos {
  const cleaned = input
    .trim()
    .replace(/^₱\s*/, '')
    .replace(/^(-)\s*₱\s*/, '$1');
  const match = PESO_PATTERN.exec(cleaned);
  if (!match) throw new InvalidPesoAmountError(input);
  const [, minus, whole = '0', fraction = ''] = match;
  const centavos = BigInt(whole.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (centavos > MAX_CENTAVOS) throw new InvalidPesoAmountError(input);
  return minus ? -centavos : centavos;
}

export function isPesoAmount(input: string): boolean {
  try {
    parsePesos(input);
    return true;
  } catch {
    return false;
  }
}

/** Centavos → "1234567.89", the form stored in the database and sent in JSON. */
export function toPesoString(centavos: Centavos): string {
  const negative = centavos < 0n;
  // Digits, not division: this runs for every figure of every node of a 10,000-item tree.
  const digits = (negative ? -centavos : centavos).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Centavos → "₱1,234,567.89", the form planners read. */
export function formatPesos(centavos: Centavos): string {
  const [whole = '0', fraction = '00'] = toPesoString(centavos < 0n ? -centavos : centavos).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${centavos < 0n ? '-' : ''}₱${grouped}.${fraction}`;
}

/** A stored numeric(18,2) string (or null) → centavos; null counts as zero. */
export function centavosOf(stored: string | null | undefined): Centavos {
  if (stored == null) return 0n;
  // PostgreSQL writes numeric(18,2) with exactly two decimals: drop the point (the hot path of big trees).
  if (/^-?\d+\.\d\d$/.test(stored)) return BigInt(stored.replace('.', ''));
  return parsePesos(stored);
}

/** Formats a stored peso string for display; an absent amount reads as an em dash. */
export function formatStoredPesos(stored: string | null | undefined): string {
  return stored == null ? '—' : formatPesos(parsePesos(stored));
}

/** part ÷ whole as a percentage with `decimals` places, rounded half up, exact (no floats until the end). */
export function percentOf(part: Centavos, whole: Centavos, decimals = 0): number | null {
  if (whole === 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const numerator = part * 100n * scale;
  const negative = numerator < 0n !== whole < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = whole < 0n ? -whole : whole;
  const rounded = (n * 2n + d) / (2n * d);
  return Number(negative ? -rounded : rounded) / Number(scale);
}
