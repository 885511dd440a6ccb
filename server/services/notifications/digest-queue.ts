import type { Queryable } from '@/db';
import type { DigestEntry } from '../../domain/notifications';
import { daysWaiting } from '../../domain/alerts';
import type { SignedInViewer } from '../../domain/types';
import { listModifications } from '../modifications/read-requests';
import { reviewQueue } from '../workflow/review-queue';

/** Everything that waits on this person's decision for the digest: PPAs in a stage they decide, and modification requests. */
export async function digestQueue(options: { db: Queryable; viewer: SignedInViewer; now: Date }): Promise<DigestEntry[]> {
  const { db, viewer, now } = options;
  const [ppas, requests] = await Promise.all([reviewQueue(options), viewer.role === 'admin' ? [] : listModifications({ db, viewer, waitingOnMe: true })]);
  const modifications: DigestEntry[] = requests.map((r) => ({
    id: r.ppaId,
    title: r.ppaTitle,
    moaCode: r.moaCode,
    // The PPA's stage is not what waits: the request is (the email shows the request's words).
    approvalStage: 'enacted',
    budgetAllocation: null,
    waitingSince: r.submittedAt ?? r.createdAt,
    daysWaiting: daysWaiting(new Date(r.submittedAt ?? r.createdAt), now),
    modification: { requestId: r.id, totalAmount: r.totalAmount },
  }));
  return [...ppas, ...modifications];
}
