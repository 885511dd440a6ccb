import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../helpers';

async function createPpa(page: Page, title: string) {
  await page.getByRole('link', { name: 'New PPA' }).first().click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('activity');
  await page.getByLabel('Sector').selectOption('social');
  await page.getByLabel('Budget ceiling (₱)').fill('1000000');
  await page.getByLabel('Budget allocation (₱)').fill('1000000');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a planner enables tracking, edits the tree, distributes equally, overspends and sees the alert and the charts change', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await createPpa(page, `Barangay Nutrition Caravan ${Date.now()}`);
  const tracking = page.getByRole('region', { name: 'Execution Tracking' });
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  const tree = tracking.getByRole('tree', { name: 'Hierarchical breakdown' });
  await expect(tree.getByText('₱750,000.00 (75%)')).toBeVisible();

  // Edit the tree: add two tasks under Execution, rename one.
  for (const title of ['Cooking demonstrations', 'Feeding sessions']) {
    await tree.getByRole('button', { name: 'Add under Execution' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Type').selectOption('task');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(tree.getByText(title)).toBeVisible();
  }
  await tree.getByRole('button', { name: 'Edit Feeding sessions' }).click();
  await page.getByLabel('Title').fill('Supervised feeding sessions');
  await page.getByLabel('Type').selectOption('sub_activity');
  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(tree.getByText('Supervised feeding sessions')).toBeVisible();
  await expect(tree.getByText('Sub activity · In progress · 0%')).toBeVisible();

  // An over-allocation is refused with the server's message, next to nothing changed.
  await tree.getByRole('button', { name: 'Edit Cooking demonstrations' }).click();
  await page.getByLabel('Allocated (₱)').fill('800000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('too much');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Distribute Execution's ₱750,000.00 equally: the preview shows it before applying.
  await tree.getByRole('button', { name: 'Distribute Execution' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('cell', { name: '₱375,000.00' })).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(tree.getByText('₱375,000.00 (50%)')).toHaveCount(2);

  // Manual mode warns live before saving.
  await tree.getByRole('button', { name: 'Distribute Execution' }).click();
  await dialog.getByLabel('Manually').check();
  await dialog.getByLabel('Amount for Cooking demonstrations').fill('500000');
  await expect(dialog.getByRole('alert')).toContainText('too much');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const varianceBefore = await page.getByTestId('chart-variance').innerHTML();
  // Overspend Cooking demonstrations (₱375,000.00) by 30%.
  await tree.getByRole('button', { name: 'Spending on Cooking demonstrations' }).click();
  await page.getByLabel('Amount (₱)').fill('487500');
  await page.getByLabel('What it paid for').fill('Ingredients and cooking equipment');
  await page.getByRole('button', { name: 'Record expenditure' }).click();
  await expect(page.getByRole('list', { name: 'Expenditure ledger' })).toContainText('₱487,500.00');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();

  await expect(tree.getByText('Over Budget +30%')).toBeVisible();
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

test('the tree moves by keyboard and by drag and drop, deletes after confirmation, and exports', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await createPpa(page, `Madrasah Teacher Training ${Date.now()}`);
  const tracking = page.getByRole('region', { name: 'Execution Tracking' });
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  const tree = tracking.getByRole('tree', { name: 'Hierarchical breakdown' });
  const topLevel = () => tree.locator(':scope > li > ul > li > div > div:first-child > span.font-medium').allTextContents();
  await expect.poll(topLevel).toEqual(['Preparation', 'Execution', 'Completion & Reporting']);

  // Keyboard: focus Completion & Reporting and move it up twice.
  const rowOf = (title: string) => tree.getByText(title, { exact: true }).locator('xpath=ancestor::li[1]');
  const completion = rowOf('Completion & Reporting');
  await completion.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(topLevel).toEqual(['Preparation', 'Completion & Reporting', 'Execution']);

  // Drag and drop: a new task under Preparation is dragged onto Execution.
  await tree.getByRole('button', { name: 'Add under Preparation' }).click();
  await page.getByLabel('Title').fill('Venue');
  await page.getByLabel('Type').selectOption('task');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const venue = rowOf('Venue');
  await expect(venue).toBeVisible();
  await venue.locator('> div').dragTo(rowOf('Execution').locator('> div'));
  await expect(rowOf('Execution').getByRole('group').getByText('Venue', { exact: true })).toBeVisible();

  // Delete asks first; cancelling keeps the row.
  page.once('dialog', (d) => void d.dismiss());
  await tree.getByRole('button', { name: 'Delete Venue' }).click();
  await expect(tree.getByText('Venue', { exact: true })).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await tree.getByRole('button', { name: 'Delete Venue' }).click();
  await expect(tree.getByText('Venue', { exact: true })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await tracking.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
  expect(csv.split('\r\n')[0]).toBe('Level,Title,Type,Status,Progress %,Allocated,Actual,Remaining,Variance,Utilisation %,Budget status');
  expect(csv).toContain('1,Execution,activity,not_started,0,750000.00,0.00,750000.00,-750000.00,0,No Expenditure');
});
