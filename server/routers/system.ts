import { zMaintenanceState, zRunJobAgainRequest, zSetMaintenanceRequest, zSystemStatus } from '../contracts/system';
import { runJobAgain } from '../services/automation/run-again';
import { getMaintenance, setMaintenance } from '../services/operations/maintenance';
import { isoDates, systemStatus } from '../services/operations/system-status';
import { adminProcedure, protectedProcedure, router } from '../trpc';
import { z } from 'zod';

/** The admin's System page (/admin/system) and everyone's maintenance banner. */
export const systemRouter = router({
  status: adminProcedure.output(zSystemStatus).query(({ ctx }) => systemStatus(ctx.db)),
  /** The banner: whether maintenance mode is on, for every signed-in person. */
  maintenance: protectedProcedure.output(zMaintenanceState).query(async ({ ctx }) => isoDates(await getMaintenance(ctx.db))),
  // The switch itself keeps working in maintenance mode: the admin must be able to turn it off.
  setMaintenance: adminProcedure
    .meta({ maintenance: 'allowed' })
    .input(zSetMaintenanceRequest)
    .output(zMaintenanceState)
    .mutation(async ({ ctx, input }) => isoDates(await setMaintenance(ctx.db, { on: input.on, message: input.message, changedById: ctx.viewer.userId }))),
  runJobAgain: adminProcedure
    .input(zRunJobAgainRequest)
    .output(z.object({ started: z.string() }))
    .mutation(({ ctx, input }) => runJobAgain(ctx.db, input)),
});
