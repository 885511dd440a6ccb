/**
 * A database statement as the slow-query log and the System page show it: no parameter values, so it can be
 * logged and grouped without leaking data (a name, an amount) and without one row per value. Drizzle already
 * sends values as placeholders ($1, $2); raw SQL may carry literals, which become `?`. A list of any length
 * (`in ($1, $2, $3)`, `values ($1, $2), ($3, $4)`) folds to one entry, so the same statement with more values
 * is the same statement.
 */
const MAX_STATEMENT_LENGTH = 2000;

export function normaliseStatement(sqlText: string): string {
  const normalised = sqlText
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?') // dollar-quoted text
    .replace(/[eE]?'(?:[^']|'')*'/g, '?') // string literals, '' escapes included
    .replace(/\$\d+/g, '?') // placeholders
    .replace(/(?<![\w."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w"])/g, '?') // numbers (not inside names like t1)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\(\s*\?(?:\s*,\s*\?)+\s*\)/g, '(?, …)') // a list of values
    .replace(/(\(\?(?:, …)?\))(?:\s*,\s*\(\?(?:, …)?\))+/g, '$1, …'); // many rows of values
  return normalised.length > MAX_STATEMENT_LENGTH ? `${normalised.slice(0, MAX_STATEMENT_LENGTH)}…` : normalised;
}

/** A short, stable key for a normalised statement (FNV-1a, 64 bits as hex): the slow-operation row's key. */
export function fingerprintOf(kind: 'query' | 'request', normalised: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of `${kind}:${normalised}`) {
    hash ^= BigInt(char.codePointAt(0)!);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${kind}:${hash.toString(16).padStart(16, '0')}`;
}
