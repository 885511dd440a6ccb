import pino from 'pino';
import { getLogger, setLogger } from '../server/lib/logger';

/** Every line the app logs from now on until `restore`, parsed (pino's JSON: `msg`, `err`, the context fields). */
export function captureLog() {
  const original = getLogger();
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  setLogger(pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) }));
  return {
    lines,
    messages: () => lines.map((line) => line.msg),
    restore: () => setLogger(original),
  };
}
