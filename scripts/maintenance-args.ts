/** `npm run maintenance -- on|off|status [--message TEXT]`, read. */
export type MaintenanceCommand = { action: 'on'; message: string } | { action: 'off' } | { action: 'status' } | { error: string };

export const MAINTENANCE_USAGE = 'Usage: npm run maintenance -- on [--message "TEXT"] | off | status';

export function parseMaintenanceArgs(args: readonly string[]): MaintenanceCommand {
  const [action, ...rest] = args;
  if (action === 'off' || action === 'status') return rest.length === 0 ? { action } : { error: `“${action}” takes nothing more. ${MAINTENANCE_USAGE}` };
  if (action !== 'on') return { error: MAINTENANCE_USAGE };
  if (rest.length === 0) return { action: 'on', message: '' };
  const [flag, ...words] = rest;
  const inline = flag?.startsWith('--message=') ? flag.slice('--message='.length) : null;
  if (inline !== null && words.length === 0) return { action: 'on', message: inline.trim() };
  if (flag !== '--message' || words.length === 0) return { error: MAINTENANCE_USAGE };
  const message = words.join(' ').trim();
  if (message.length > 500) return { error: 'Keep the message under 500 characters.' };
  return { action: 'on', message };
}
