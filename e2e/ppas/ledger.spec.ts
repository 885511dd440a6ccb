import { expect, test, type Page } from '@playwright/test';
import { manilaToday } from '../../server/domain/schedule';
import { signIn } from '../helpers';

/** A new MSSD PPA of ₱1,000,000.00 with the default plan (Preparation ₱150,000.00), on its page. */
async function trackedPpa(page: Page, title: string) {
  await page.goto('/ppas/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('activity');
  await page.getByLabel('Sector').selectOption('social');
  await page.getByLabel('Budget ceiling (₱)').fill('1000000');
  await page.getByLabel('Budget allocation (₱)').fill('1000000');
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
  await page.getByRole('menu', { name: `Actions for ${title}` }).getByRole('menuitem', { name: 'Spending', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Spending on ${title}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the spending dialog records an obligation and a disbursement with references, reverses with a reason, and its totals follow at once', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await trackedPpa(page, `Ledger Caravan ${Date.now()}`);
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

  // Reverse the obligation: a styled confirmation asks for the reason; a blank one is refused next to the field.
  await ledger.getByRole('button', { name: /^Reverse obligation of ₱120,000\.00/ }).click();
  const confirmation = dialog.getByRole('form', { name: 'Reverse obligation of ₱120,000.00' });
  await expect(confirmation).toContainText('Reverse the obligation of ₱120,000.00 (Venue contract)?');
  await confirmation.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(confirmation).toContainText('Give a reason of at least 5 characters');
  await confirmation.getByLabel('Reason for the reversal').fill('Contract signed under the wrong PPA');
  await confirmation.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(confirmation).toBeHidden();
  await expect(summary).toHaveText('Allocated ₱150,000.00 · obligated ₱0.00 · disbursed ₱50,000.50 · remaining ₱99,999.50');
  await expect(ledger.getByTestId('ledger-entry')).toHaveCount(3);
  const reversal = ledger.getByTestId('ledger-entry').filter({ hasText: 'Reversal of an obligation' });
  await expect(reversal).toContainText('Reason: Contract signed under the wrong PPA');
  await expect(reversal).toContainText('-₱120,000.00');
  await expect(ledger.getByTestId('ledger-entry').filter({ hasText: 'Venue contract' }).first()).toBeVisible();
  await expect(ledger.getByText('Reversed', { exact: true })).toBeVisible();
  // Neither the reversal nor the reversed entry can be reversed again; the disbursement still can.
  await expect(ledger.getByRole('button', { name: /^Reverse / })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/spending-dialog.png', fullPage: true });

  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const row = page.getByRole('row', { name: 'Preparation', exact: true });
  await expect(row.getByTestId('row-spent')).toContainText('₱50,000.50');
});

test('the PPA’s history shows ledger entries, the reversal’s reason and the approval decision, newest first, in Manila time', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const title = `History Caravan ${Date.now()}`;
  await trackedPpa(page, title);
  const history = page.getByRole('region', { name: 'History', exact: true });
  await expect(history).toContainText('Enabled execution tracking with the default plan');
  await expect(history).toContainText('Execution: ₱750,000.00');

  const dialog = await openSpending(page, 'Execution');
  await dialog.getByLabel('Amount (₱)').fill('2500');
  await dialog.getByLabel('What it paid for').fill('Printing of modules');
  await dialog.getByRole('button', { name: 'Record expenditure' }).click();
  await dialog.getByRole('list', { name: 'Expenditure ledger' }).getByRole('button', { name: /^Reverse disbursement of ₱2,500\.00/ }).click();
  await dialog.getByLabel('Reason for the reversal').fill('Printed for another PPA');
  await dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(dialog.getByTestId('ledger-summary')).toContainText('disbursed ₱0.00');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The history follows the tree's changes without a reload.
  await expect(history).toContainText('Reversed a disbursement of ₱2,500.00 on “Execution”');
  await expect(history).toContainText('Reason: “Printed for another PPA”');

  await page.getByRole('button', { name: 'Move to Technical review' }).click();
  await expect(page.getByText('Technical review').first()).toBeVisible();
  await page.reload();
  const entries = history.getByRole('list', { name: 'History entries' }).locator('> li');
  await expect(entries.first()).toContainText('Submitted for review');
  await expect(entries.first()).toContainText('Approval stage: draft → technical review');
  await expect(entries.first()).toContainText('Norhaya Planner (MSSD)');
  await expect(history).toContainText('Recorded a disbursement of ₱2,500.00 on “Execution”');
  await expect(history).toContainText('Created the PPA');
  // When, in Manila time: the newest entry's time as Asia/Manila renders it.
  const at = await entries.first().locator('time').getAttribute('datetime');
  const manila = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at!));
  await expect(entries.first().locator('time')).toHaveText(manila);
  await page.screenshot({ path: 'test-results/screenshots/ppa-history.png', fullPage: true });
});
