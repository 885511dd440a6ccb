import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { moas, ppas } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { CreatePpaRequest, PpaDetail } from '../../contracts/ppa';
import { writeAudit } from '../audit';
import { getPpa } from './get-ppa';
import { assertCanCreatePpaFor, assertSignedIn, newPpaMoaFor } from '../access';
import { runUseCase } from '../effects/use-case';

/**
 * A new PPA in draft, for the planner's own MOA (or any MOA, for an admin; the procedure admits only those
 * two roles). Returns the PPA as this transaction left it.
 */
export async function createPpa(options: { db: Database; viewer: Viewer; input: CreatePpaRequest }): Promise<PpaDetail> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  const { moaId: requestedMoaId, ...fields } = input;
  const moaId = requestedMoaId ?? newPpaMoaFor(viewer);
  if (!moaId) throw AppError.badField('moaId', 'Choose the implementing MOA.');

  return runUseCase(db, async (tx) => {
    const [moa] = await tx.select({ id: moas.id, code: moas.code }).from(moas).where(eq(moas.id, moaId));
    if (!moa) throw AppError.badField('moaId', 'That MOA does not exist.');
    assertCanCreatePpaFor(viewer, moa);
    const [created] = await tx
      .insert(ppas)
      .values({ ...fields, moaId: moa.id, createdById: viewer.userId })
      .returning();
    await writeAudit(tx, viewer, { ppaId: created!.id, entityType: 'ppa', entityId: created!.id, action: 'create', after: fields });
    return getPpa({ db: tx, viewer, ppaId: created!.id });
  });
}
