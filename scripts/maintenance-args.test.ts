import { describe, expect, it } from 'vitest';
import { MAINTENANCE_USAGE, parseMaintenanceArgs } from './maintenance-args';

describe('npm run maintenance arguments', () => {
  it('reads on (with or without a message), off and status', () => {
    expect(parseMaintenanceArgs(['on'])).toEqual({ action: 'on', message: '' });
    expect(parseMaintenanceArgs(['on', '--message', 'Back', 'at', '18:30'])).toEqual({ action: 'on', message: 'Back at 18:30' });
    expect(parseMaintenanceArgs(['on', '--message=Back soon'])).toEqual({ action: 'on', message: 'Back soon' });
    expect(parseMaintenanceArgs(['off'])).toEqual({ action: 'off' });
    expect(parseMaintenanceArgs(['status'])).toEqual({ action: 'status' });
  });

  it('refuses anything else with the usage line', () => {
    expect(parseMaintenanceArgs([])).toEqual({ error: MAINTENANCE_USAGE });
    expect(parseMaintenanceArgs(['enable'])).toEqual({ error: MAINTENANCE_USAGE });
    expect(parseMaintenanceArgs(['on', '--message'])).toEqual({ error: MAINTENANCE_USAGE });
    expect(parseMaintenanceArgs(['on', 'now'])).toEqual({ error: MAINTENANCE_USAGE });
    expect(parseMaintenanceArgs(['off', 'now'])).toMatchObject({ error: expect.stringContaining('takes nothing more') });
    expect(parseMaintenanceArgs(['on', '--message', 'x'.repeat(501)])).toEqual({ error: 'Keep the message under 500 characters.' });
  });
});
