import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { approveOutOfBudgetReview, signIn } from '../helpers';
import { childTitles, createPpa, rowAction, treeRow, workspace } from './tree';

test('a planner enables tracking, edits the tree, distributes equally, overspends and sees the alert and the charts change', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await createPpa(page, `Barangay Nutrition Caravan ${Date.now()}`, '1000000', { readyForReview: true });
  const { tracking, tree } = workspace(page);
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  await expect(treeRow(tree, 'Execution').getByTestId('row-allocated')).toContainText('₱750,000.00');
  await expect(treeRow(tree, 'Execution').getByTestId('row-share')).toContainText('75.0%');

  // Edit the tree: add two tasks under Execution, rename one.
  for (const title of ['Cooking demonstrations', 'Feeding sessions']) {
    await rowAction(page, tree, 'Execution', 'Add item under');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Type').selectOption('task');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(tree.getByText(title)).toBeVisible();
  }
  await rowAction(page, tree, 'Feeding sessions', 'Edit');
  await page.getByLabel('Title').fill('Supervised feeding sessions');
  await page.getByLabel('Type').selectOption('sub_activity');
  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(tree.getByText('Supervised feeding sessions')).toBeVisible();
  await expect(tree.getByText('Sub-activity · In progress · 0%')).toBeVisible();

  // An over-allocation is refused with the server's message, next to nothing changed.
  await rowAction(page, tree, 'Cooking demonstrations', 'Edit');
  await page.getByLabel('Allocated (₱)').fill('800000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('too much');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Distribute Execution's ₱750,000.00 equally: the preview shows it before applying.
  await rowAction(page, tree, 'Execution', 'Distribute budget');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('cell', { name: '₱375,000.00' })).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  for (const title of ['Cooking demonstrations', 'Supervised feeding sessions']) {
    await expect(treeRow(tree, title).getByTestId('row-allocated')).toContainText('₱375,000.00');
    await expect(treeRow(tree, title).getByTestId('row-share')).toContainText('50.0%');
  }

  // Manual mode warns live before saving.
  await rowAction(page, tree, 'Execution', 'Distribute budget');
  await dialog.getByLabel('Manually').check();
  await dialog.getByLabel('Amount for Cooking demonstrations').fill('500000');
  await expect(dialog.getByRole('alert')).toContainText('too much');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Spending is recorded once reviewers approve the PPA out of budget review (which locks the plan).
  await approveOutOfBudgetReview(page);
  const varianceBefore = await page.getByTestId('chart-variance').innerHTML();
  // Overspend Cooking demonstrations (₱375,000.00) by 30%: the contract (obligation) first, then its payment.
  await rowAction(page, tree, 'Cooking demonstrations', 'Spending');
  await page.getByLabel('Kind').selectOption('obligation');
  await page.getByLabel('Amount (₱)').fill('487500');
  await page.getByLabel('What it paid for').fill('Cooking demonstrations contract');
  await page.getByRole('button', { name: 'Record expenditure' }).click();
  await expect(page.getByTestId('ledger-summary')).toContainText('obligated ₱487,500.00');
  await page.getByLabel('Kind').selectOption('disbursement');
  await page.getByLabel('Amount (₱)').fill('487500');
  await page.getByLabel('What it paid for').fill('Ingredients and cooking equipment');
  await page.getByRole('button', { name: 'Record expenditure' }).click();
  await expect(page.getByRole('list', { name: 'Expenditure ledger' })).toContainText('₱487,500.00');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();

  const overBadge = treeRow(tree, 'Cooking demonstrations').getByText('Over Budget +30%');
  await expect(overBadge).toBeVisible();
  // On one line: the badge is no taller than one line of its text.
  expect((await overBadge.boundingBox())!.height).toBeLessThan(28);
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.getByText('Cooking demonstrations is over budget')).toBeVisible();
  await expect(alerts.getByText('Critical')).toBeVisible();
  await expect.poll(() => page.getByTestId('chart-variance').innerHTML()).not.toBe(varianceBefore);
  await page.screenshot({ path: 'test-results/screenshots/execution-tracking.png', fullPage: true });
});

test('the PPA pages pass axe accessibility checks', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const checks = async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  expect(await checks()).toEqual([]);
  await page.getByRole('link', { name: 'Livelihood Training for OBC Women' }).click();
  await expect(page.getByRole('heading', { name: 'Hierarchical Breakdown' })).toBeVisible();
  expect(await checks()).toEqual([]);
});

test('on a 375 px phone the progress view reads without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'Livelihood Training for OBC Women' }).click();
  await expect(page.getByRole('heading', { name: 'Progress Overview' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Share of the budget allocated' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/ppa-progress-phone.png', fullPage: true });
});

test('the tree moves by keyboard (Alt+↑, Alt+↓, Alt+←) and by drag and drop, deletes after confirmation, and exports', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const title = `Madrasah Teacher Training ${Date.now()}`;
  await createPpa(page, title);
  const { tracking, tree } = workspace(page);
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  const topLevel = () => childTitles(tree, title);
  await expect.poll(topLevel).toEqual(['Preparation', 'Execution', 'Completion & Reporting']);

  // Keyboard: focus Completion & Reporting, move it up, then down again; the moved row keeps the focus.
  const rowOf = (name: string) => treeRow(tree, name);
  const completion = rowOf('Completion & Reporting');
  await completion.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(topLevel).toEqual(['Preparation', 'Completion & Reporting', 'Execution']);
  await expect(completion).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(topLevel).toEqual(['Preparation', 'Execution', 'Completion & Reporting']);
  await expect(completion).toBeFocused();

  // Drag and drop: a new task under Preparation is dragged onto Execution.
  await rowAction(page, tree, 'Preparation', 'Add item under');
  await page.getByLabel('Title').fill('Venue');
  await page.getByLabel('Type').selectOption('task');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const venue = rowOf('Venue');
  await expect(venue).toBeVisible();
  await expect.poll(() => childTitles(tree, 'Preparation')).toEqual(['Venue']);
  // Alt+← moves it out one level: right after Preparation, among the activities.
  await venue.focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(topLevel).toEqual(['Preparation', 'Venue', 'Execution', 'Completion & Reporting']);
  await expect.poll(() => childTitles(tree, 'Preparation')).toEqual([]);
  await expect(venue).toBeFocused();
  await venue.dragTo(rowOf('Execution'));
  await expect.poll(() => childTitles(tree, 'Execution')).toEqual(['Venue']);

  // Delete asks first, in a styled dialog (not the browser's confirm()); cancelling keeps the row.
  let browserDialogs = 0;
  page.on('dialog', (d) => {
    browserDialogs += 1;
    void d.dismiss();
  });
  await rowAction(page, tree, 'Venue', 'Delete');
  const confirmDelete = page.getByRole('dialog', { name: 'Delete "Venue"?' });
  await confirmDelete.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmDelete).toHaveCount(0);
  await expect(tree.getByText('Venue', { exact: true })).toBeVisible();
  await rowAction(page, tree, 'Venue', 'Delete');
  await confirmDelete.getByRole('button', { name: 'Delete' }).click();
  await expect(tree.getByText('Venue', { exact: true })).toHaveCount(0);
  expect(browserDialogs).toBe(0);

  const download = page.waitForEvent('download');
  await tracking.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
  expect(csv.split('\r\n')[0]).toBe(
    'Level,Title,Type,Status,Progress %,Allocated,Actual,Remaining,Variance,Utilisation %,Budget status,Obligations,Obligation rate %,Disbursement rate %,Unobligated,Approved allocation,Transfers in,Transfers out',
  );
  expect(csv).toContain('1,Execution,Activity,Not started,0,750000.00,0.00,750000.00,-750000.00,0,No Expenditure');
});
