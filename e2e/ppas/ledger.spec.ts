import { expect, test, type Page } from '@playwright/test';
import { manilaToday } from '../../server/domain/schedule';
import { approveOutOfBudgetReview, signIn } from '../helpers';

/** A new MSSD PPA of ₱1,000,000.00 with the default plan (Preparation ₱150,000.00), ready for review, on its page. */
async function trackedPpa(page: Page, title: string) {
  await page.goto('/ppas/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('activity');
  await page.getByLabel('Sector').selectOption('social');
  await page.getByLabel('Budget ceiling (₱)').fill('1000000');
  await page.getByLabel('Budget allocation (₱)').fill('1000000');
  await page.getByLabel('Appropriation class').selectOption('MOOE');
  await page.getByLabel('Funding source', { exact: true }).selectOption('GAAB');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const tracking = page.getByRole('region', { name: 'Execution Tracking' });
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  const tree = tracking.getByRole('treegrid', { name: 'Hierarchical breakdown' });
  await expect(tree.getByText('Preparation', { exact: true })).toBeVisible();
  return { tracking, tree };
}

async function openSpending(page: Page, title: string) {
  const tree = page.getByRole('treegrid', { name: 'Hierarchical breakdown' });
  await tree.getByRole('button', { name: `Actions for ${title}`, exact: true }).click();
  await page
    .getByRole('menu', { name: `Actions for ${title}` })
    .getByRole('menuitem', { name: 'Spending', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: `Spending on ${title}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the spending dialog records an obligation and a disbursement with references, reverses with a reason, and its totals follow at once', async ({
  page,
}) => {
  await signIn(page, 'planner@example.org');
  await trackedPpa(page, `Ledger Caravan ${Date.now()}`);
  // A draft's budget is a proposal: the dialog says why nothing can be recorded yet, and offers no form.
  const closed = await openSpending(page, 'Preparation');
  await expect(closed.getByRole('note')).toHaveText(
    'Obligations and disbursements are recorded only once the PPA is approved out of budget review; this PPA is still a draft.',
  );
  await expect(closed.getByRole('button', { name: 'Record expenditure' })).toHaveCount(0);
  await closed.getByRole('button', { name: 'Close', exact: true }).click();
  await approveOutOfBudgetReview(page);

  const dialog = await openSpending(page, 'Preparation');
  const summary = dialog.getByTestId('ledger-summary');
  await expect(summary).toHaveText('Allocated ₱150,000.00 · obligated ₱0.00 · disbursed ₱0.00 · remaining ₱150,000.00');
  // The date starts on today in Manila, whatever the browser's or the server's time zone.
  await expect(dialog.getByLabel('Date')).toHaveValue(manilaToday());

  // An obligation with its ORS number: the line updates without a reload.
  await dialog.getByLabel('Kind').selectOption('obligation');
  await dialog.getByLabel('Reference no. (ORS / DV)').fill('ORS-2026-03-0042');
  await dialog.getByLabel('Amount (₱)').fill('120000');
  await dialog.getByLabel('What it paid for').fill('Venue contract');
  await dialog.getByRole('button', { name: 'Record expenditure' }).click();
  await expect(summary).toHaveText('Allocated ₱150,000.00 · obligated ₱120,000.00 · disbursed ₱0.00 · remaining ₱150,000.00');
  const ledger = dialog.getByRole('list', { name: 'Expenditure ledger' });
  await expect(ledger.getByTestId('ledger-entry')).toHaveCount(1);
  await expect(ledger).toContainText('Obligation');
  await expect(ledger).toContainText('Ref. ORS-2026-03-0042');
  // The kind stays for the next entry; switch back to a disbursement.
  await expect(dialog.getByLabel('Kind')).toHaveValue('obligation');

  await dialog.getByLabel('Kind').selectOption('disbursement');
  await dialog.getByLabel('Reference no. (ORS / DV)').fill('DV-0099');
  await dialog.getByLabel('Amount (₱)').fill('50000.50');
  await dialog.getByLabel('What it paid for').fill('Venue deposit');
  await dialog.getByRole('button', { name: 'Record expenditure' }).click();
  await expect(summary).toHaveText('Allocated ₱150,000.00 · obligated ₱120,000.00 · disbursed ₱50,000.50 · remaining ₱99,999.50');

  // The obligation cannot go while the payment under it stands: the confirmation says so, and nothing changes.
  await ledger.getByRole('button', { name: /^Reverse obligation of ₱120,000\.00/ }).click();
  const obligationConfirmation = dialog.getByRole('form', { name: 'Reverse obligation of ₱120,000.00' });
  await obligationConfirmation.getByLabel('Reason for the reversal').fill('Contract signed under the wrong PPA');
  await obligationConfirmation.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(obligationConfirmation.getByRole('alert')).toHaveText(
    'Reversing this obligation would leave ₱50,000.50 disbursed against ₱0.00 obligated on this item; reverse the disbursements paid under it first.',
  );
  await obligationConfirmation.getByRole('button', { name: 'Cancel' }).click();

  // Reverse the payment: a styled confirmation asks for the reason; a blank one is refused next to the field.
  await ledger.getByRole('button', { name: /^Reverse disbursement of ₱50,000\.50/ }).click();
  const confirmation = dialog.getByRole('form', { name: 'Reverse disbursement of ₱50,000.50' });
  await expect(confirmation).toContainText('Reverse the disbursement of ₱50,000.50 (Venue deposit)?');
  await confirmation.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(confirmation).toContainText('Give a reason of at least 5 characters');
  await confirmation.getByLabel('Reason for the reversal').fill('Paid to the wrong supplier');
  await confirmation.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(confirmation).toBeHidden();
  await expect(summary).toHaveText('Allocated ₱150,000.00 · obligated ₱120,000.00 · disbursed ₱0.00 · remaining ₱150,000.00');
  await expect(ledger.getByTestId('ledger-entry')).toHaveCount(3);
  const reversal = ledger.getByTestId('ledger-entry').filter({ hasText: 'Reversal of a disbursement' });
  await expect(reversal).toContainText('Reason: Paid to the wrong supplier');
  await expect(reversal).toContainText('-₱50,000.50');
  await expect(ledger.getByTestId('ledger-entry').filter({ hasText: 'Venue deposit' }).first()).toBeVisible();
  await expect(ledger.getByText('Reversed', { exact: true })).toBeVisible();
  // Neither the reversal nor the reversed entry can be reversed again; the obligation now can.
  await expect(ledger.getByRole('button', { name: /^Reverse / })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/spending-dialog.png', fullPage: true });

  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const row = page.getByRole('row', { name: 'Preparation', exact: true });
  await expect(row.getByTestId('row-spent')).toContainText('₱0.00');
});

test('the PPA’s history shows the approval decisions, the lock, ledger entries and the reversal’s reason, newest first, in Manila time', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const title = `History Caravan ${Date.now()}`;
  await trackedPpa(page, title);
  const history = page.getByRole('region', { name: 'History', exact: true });
  await expect(history).toContainText('Enabled execution tracking with the default plan');
  await expect(history).toContainText('Execution: ₱750,000.00');
  await approveOutOfBudgetReview(page);

  const dialog = await openSpending(page, 'Execution');
  await dialog.getByLabel('Kind').selectOption('obligation');
  await dialog.getByLabel('Amount (₱)').fill('2500');
  await dialog.getByLabel('What it paid for').fill('Printing of modules');
  await dialog.getByRole('button', { name: 'Record expenditure' }).click();
  await dialog
    .getByRole('list', { name: 'Expenditure ledger' })
    .getByRole('button', { name: /^Reverse obligation of ₱2,500\.00/ })
    .click();
  await dialog.getByLabel('Reason for the reversal').fill('Printed for another PPA');
  await dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(dialog.getByTestId('ledger-summary')).toContainText('obligated ₱0.00');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The history follows the tree's changes without a reload.
  await expect(history).toContainText('Reversed an obligation of ₱2,500.00 on “Execution”');
  await expect(history).toContainText('Reason: “Printed for another PPA”');

  await page.reload();
  const entries = history.getByRole('list', { name: 'History entries' }).locator('> li');
  await expect(entries.first()).toContainText('Reversed an obligation of ₱2,500.00 on “Execution”');
  await expect(entries.first()).toContainText('Norhaya Planner (MSSD)');
  await expect(history).toContainText('Recorded an obligation of ₱2,500.00 on “Execution”');
  await expect(history).toContainText('Locked the budget');
  await expect(history).toContainText('Approval stage: budget review → stakeholder consultation');
  await expect(history).toContainText('Farida Reviewer (MFBM)');
  await expect(history).toContainText('Approval stage: draft → technical review');
  await expect(history).toContainText('Created the PPA');
  // When, in Manila time, in the one style of every page ("Dec 7, 2026 at 21:13").
  const at = new Date((await entries.first().locator('time').getAttribute('datetime'))!);
  const day = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  await expect(entries.first().locator('time')).toHaveText(`${day} at ${time}`);
  await page.screenshot({ path: 'test-results/screenshots/ppa-history.png', fullPage: true });
});
