/**
 * What a command a person types (`npm run db:backup`, a second `npm run dev` on one DATA_DIR) answers them: plain
 * lines on the terminal, refusals on stderr in one line without a stack. This is the command's output, not the
 * app's log (that is pino, server/lib/logger.ts, JSON lines for a log shipper); nothing else writes to the console.
 */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
