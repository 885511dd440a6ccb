import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { moas, ppas } from '@/db/schema';
import { canEditPpa, defaultMoaFor } from '../../domain/access';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { CreatePpaRequest } from '../../routers/ppa/ppa.types';
import { writeAudit } from '../audit';

/** A new PPA in draft, for the planner's own MOA (or any MOA, for an admin). */
export async function createPpa(options: { db: Database; viewer: Viewer; input: CreatePpaRequest }): Promise<{ id: string }> {
  const { db, viewer, input } = options;
  if (viewer.role !== 'planner' && viewer.role !== 'admin') {
    throw AppError.forbidden('Only planners and admins can create PPAs.');
  }
  const { moaId: requestedMoaId, ...fields } = input;
  const moaId = requestedMoaId ?? defaultMoaFor(viewer);
  if (!moaId) throw AppError.badField('moaId', 'Choose the implementing MOA.');

  return db.transaction(async (tx) => {
    const [moa] = await tx.select({ id: moas.id, code: moas.code }).from(moas).where(eq(moas.id, moaId));
    if (!moa) throw AppError.badField('moaId', 'That MOA does not exist.');
    if (!canEditPpa(viewer, moa.id)) {
      throw AppError.forbidden(`Only ${moa.code} planners or an admin can create ${moa.code} PPAs.`);
    }
    const [created] = await tx
      .insert(ppas)
      .values({ ...fields, moaId: moa.id, createdById: viewer.userId })
      .returning();
    await writeAudit(tx, viewer, { ppaId: created!.id, entityType: 'ppa', entityId: created!.id, action: 'create', after: fields });
    return { id: created!.id };
  });
}
