import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { databaseFingerprint } from '@/test/fingerprint';
import { AppError } from '../../errors';
import { zPpaHistoryRequest } from '../../contracts/history';
import { zCreatePpaRequest, zListPpasRequest } from '../../contracts/ppa';
import { zAddWorkItemRequest, zUpdateWorkItemRequest } from '../../contracts/work-item';
import { PUBLIC_VIEWER } from '../../domain/types';
import { changeAlert, listAlerts } from '../alerts/manage-alerts';
import { createApiToken, listApiTokens, revokeApiToken } from '../api-tokens/api-tokens';
import { getAllocationTree } from '../budget/allocation-tree';
import { changeBudgetLock } from '../budget/budget-lock';
import { distributeBudget } from '../budget/distribute-budget';
import { previewDistribution } from '../budget/preview-distribution';
import { progressHistory } from '../budget/progress-history';
import { saveAllocationDraft } from '../budget/save-allocation-draft';
import { syncFromWorkItems } from '../budget/sync-from-work-items';
import { undoDistribution } from '../budget/undo-distribution';
import { calendarFeed } from '../calendar/calendar-feed';
import { issueCollabToken } from '../collab/collab-token';
import { listExpenditures, recordExpenditure, reverseExpenditure } from '../expenditures/record-expenditure';
import { ppaHistory } from '../history/ppa-history';
import { listMoas } from '../moa/list-moas';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationPreferencesOf,
  setNotificationPreference,
  unreadNotificationCount,
} from '../notifications/manage-notifications';
import { watchUnreadCount } from '../notifications/unread-signal';
import { getPortfolio } from '../portfolio/portfolio';
import { createPpa } from '../ppa/create-ppa';
import { getPpa, listApprovals } from '../ppa/get-ppa';
import { listPpas, listPpasForExport, listTotals } from '../ppa/list-ppas';
import { updatePpa } from '../ppa/update-ppa';
import { budgetExecutionReport, coaVarianceReport } from '../reports/report-workbooks';
import { addWorkItem } from '../work-items/add-work-item';
import { deleteWorkItem } from '../work-items/delete-work-item';
import { enableWorkItemTracking } from '../work-items/enable-tracking';
import { moveWorkItem } from '../work-items/move-work-item';
import { updateWorkItem } from '../work-items/update-work-item';
import { reviewQueue } from '../workflow/review-queue';
import { transitionPpa } from '../workflow/transition-ppa';

/**
 * The public (signed-out) viewer the transparency view will use may see published data only. Nothing is
 * published yet, so every service that takes a viewer refuses it (401) or scopes it to nothing (an empty list,
 * "not found"), and changes nothing. The account services take a signed-in actor by type, and their procedures
 * (admin only) refuse the public viewer like every other procedure (server/routers/public-viewer.integration.test.ts).
 */
const MSSD = stableId('moa:MSSD');
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const LIVELIHOOD_ROOT = stableId('ppa:mssd-livelihood:project');
const LIVELIHOOD_EXECUTION = stableId('ppa:mssd-livelihood:item:Execution');
const VENUE_BOOKING = stableId('ppa:mssd-livelihood:item:Preparation:Venue Booking');
const OVERSPEND_ALERT = stableId('ppa:mssd-livelihood:alert:venue-overspend');
const YEAR = 2026;

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

const viewer = PUBLIC_VIEWER;
type Outcome = 'UNAUTHORIZED' | 'NOT_FOUND';

/** The code of the AppError a service call is refused with; fails the test if it succeeds or throws anything else. */
async function refusedWith(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('the public viewer, before anything is published', () => {
  it('is refused every change and every personal read, and nothing changes', async () => {
    const db = handle.db;
    const before = await databaseFingerprint(db);
    const refused: Record<string, [Promise<unknown>, Outcome]> = {
      changeAlert: [changeAlert({ db, viewer, alertId: OVERSPEND_ALERT, action: 'resolve' }), 'UNAUTHORIZED'],
      createApiToken: [createApiToken({ db, viewer, name: 'portal' }), 'UNAUTHORIZED'],
      listApiTokens: [listApiTokens({ db, viewer }), 'UNAUTHORIZED'],
      revokeApiToken: [revokeApiToken({ db, viewer, tokenId: LIVELIHOOD }), 'UNAUTHORIZED'],
      changeBudgetLock: [changeBudgetLock({ db, viewer, ppaId: LIVELIHOOD, locked: false, reason: 'x' }), 'UNAUTHORIZED'],
      distributeBudget: [distributeBudget({ db, viewer, input: { id: LIVELIHOOD, parentId: LIVELIHOOD_ROOT, mode: 'equal' } }), 'UNAUTHORIZED'],
      previewDistribution: [previewDistribution({ db, viewer, input: { id: LIVELIHOOD, parentId: LIVELIHOOD_ROOT, mode: 'equal' } }), 'NOT_FOUND'],
      saveAllocationDraft: [saveAllocationDraft({ db, viewer, ppaId: LIVELIHOOD, amounts: [] }), 'UNAUTHORIZED'],
      syncFromWorkItems: [syncFromWorkItems({ db, viewer, ppaId: LIVELIHOOD }), 'UNAUTHORIZED'],
      undoDistribution: [undoDistribution({ db, viewer, ppaId: LIVELIHOOD, parentId: LIVELIHOOD_ROOT }), 'UNAUTHORIZED'],
      issueCollabToken: [issueCollabToken({ db, viewer, ppaId: LIVELIHOOD, secret: 'secret' }), 'UNAUTHORIZED'],
      recordExpenditure: [
        recordExpenditure({
          db,
          viewer,
          input: { id: VENUE_BOOKING, kind: 'disbursement', amount: '1.00', date: `${YEAR}-03-01`, description: 'x', referenceNo: 'DV-PUBLIC' },
        }),
        'UNAUTHORIZED',
      ],
      reverseExpenditure: [reverseExpenditure({ db, viewer, input: { id: VENUE_BOOKING, reason: 'x' } }), 'UNAUTHORIZED'],
      listNotifications: [listNotifications({ db, viewer }), 'UNAUTHORIZED'],
      unreadNotificationCount: [unreadNotificationCount({ db, viewer }), 'UNAUTHORIZED'],
      markNotificationRead: [markNotificationRead({ db, viewer, notificationId: LIVELIHOOD }), 'UNAUTHORIZED'],
      markAllNotificationsRead: [markAllNotificationsRead({ db, viewer }), 'UNAUTHORIZED'],
      notificationPreferencesOf: [notificationPreferencesOf({ db, viewer }), 'UNAUTHORIZED'],
      setNotificationPreference: [setNotificationPreference({ db, viewer, kind: 'daily_digest', emailEnabled: false }), 'UNAUTHORIZED'],
      watchUnreadCount: [watchUnreadCount({ db, viewer }).next(), 'UNAUTHORIZED'],
      createPpa: [
        createPpa({
          db,
          viewer,
          input: zCreatePpaRequest.parse({ title: 'Portal PPA', category: 'project', sector: 'social', fiscalYear: YEAR, moaId: MSSD }),
        }),
        'UNAUTHORIZED',
      ],
      updatePpa: [updatePpa({ db, viewer, input: { id: LIVELIHOOD, title: 'Renamed by the public' } }), 'UNAUTHORIZED'],
      addWorkItem: [
        addWorkItem({ db, viewer, input: zAddWorkItemRequest.parse({ parentId: LIVELIHOOD_EXECUTION, title: 'x', workType: 'task' }) }),
        'UNAUTHORIZED',
      ],
      deleteWorkItem: [deleteWorkItem({ db, viewer, workItemId: VENUE_BOOKING }), 'UNAUTHORIZED'],
      enableWorkItemTracking: [enableWorkItemTracking({ db, viewer, ppaId: LIVELIHOOD, template: 'default' }), 'UNAUTHORIZED'],
      moveWorkItem: [moveWorkItem({ db, viewer, input: { id: VENUE_BOOKING, parentId: LIVELIHOOD_EXECUTION, position: 0 } }), 'UNAUTHORIZED'],
      updateWorkItem: [updateWorkItem({ db, viewer, input: zUpdateWorkItemRequest.parse({ id: VENUE_BOOKING, title: 'x' }) }), 'UNAUTHORIZED'],
      transitionPpa: [transitionPpa({ db, viewer, ppaId: LIVELIHOOD, to: 'enacted' }), 'UNAUTHORIZED'],
      getAllocationTree: [getAllocationTree({ db, viewer, ppaId: LIVELIHOOD }), 'NOT_FOUND'],
      progressHistory: [progressHistory({ db, viewer, ppaId: LIVELIHOOD }), 'NOT_FOUND'],
      calendarFeed: [calendarFeed({ db, viewer, ppaId: LIVELIHOOD }), 'NOT_FOUND'],
      listExpenditures: [listExpenditures({ db, viewer, workItemId: VENUE_BOOKING }), 'NOT_FOUND'],
      ppaHistory: [ppaHistory({ db, viewer, input: zPpaHistoryRequest.parse({ id: LIVELIHOOD }) }), 'NOT_FOUND'],
      getPpa: [getPpa({ db, viewer, ppaId: LIVELIHOOD }), 'NOT_FOUND'],
      listApprovals: [listApprovals({ db, viewer, ppaId: LIVELIHOOD }), 'NOT_FOUND'],
    };
    const outcomes = Object.fromEntries(await Promise.all(Object.entries(refused).map(async ([name, [call]]) => [name, await refusedWith(call)])));
    expect(outcomes).toEqual(Object.fromEntries(Object.entries(refused).map(([name, [, expected]]) => [name, expected])));
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it('sees no PPA, MOA, alert, figure or queue', async () => {
    const db = handle.db;
    const filters = zListPpasRequest.parse({ limit: 100 });
    expect(await listMoas({ db, viewer })).toEqual([]);
    expect(await listAlerts({ db, viewer, ppaId: LIVELIHOOD })).toEqual([]);
    expect(await listAlerts({ db, viewer })).toEqual([]);
    expect((await listPpas({ db, viewer, filters })).items).toEqual([]);
    expect((await listTotals({ db, viewer, filters })).count).toBe(0);
    expect(await listPpasForExport({ db, viewer, filters })).toEqual([]);
    expect(await reviewQueue({ db, viewer })).toEqual([]);
    const portfolio = await getPortfolio({ db, viewer, input: { fiscalYear: YEAR } });
    expect(portfolio.totals.ppaCount).toBe(0);
    for (const report of [budgetExecutionReport, coaVarianceReport]) {
      const file = await report({ db, viewer, input: { fiscalYear: YEAR } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
      // The header is row 7; with no PPA the TOTAL row follows it at once.
      expect(workbook.worksheets[0]!.getRow(8).getCell(1).value).toBe('TOTAL');
    }
  });
});
