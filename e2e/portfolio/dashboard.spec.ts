import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

/** Signs in from the sign-in page with no destination: everyone lands on the portfolio dashboard. */
async function signInToDashboard(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Portfolio · FY \d{4}$/ })).toBeVisible();
}

const totalText = (page: Page, testId: string) => page.getByTestId(testId).locator('div').nth(1).innerText();

test('a reviewer lands on the portfolio; the filters change the figures', async ({ page }) => {
  await signInToDashboard(page, 'reviewer@example.org');
  await page.goto('/?fy=2026');
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio · FY 2026' })).toBeVisible();
  const allPpas = Number(await totalText(page, 'total-ppas'));
  const allAllocation = await totalText(page, 'total-allocation');
  expect(allPpas).toBeGreaterThan(5);
  await expect(page.getByTestId('chart-by-moa').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-variance-by-moa').locator('svg').first()).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'Figures by MOA' }).getByRole('rowheader', { name: 'MAFAR' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Waiting longest in review' }).getByRole('listitem').first()).toContainText(/\d+ days?/);
  await expect(page.getByTestId('alerts-high')).toContainText(/High: \d+/);

  await page.getByLabel('MOA', { exact: true }).selectOption('MSSD');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/moa=MSSD/);
  await expect(page.getByTestId('total-allocation')).not.toContainText(allAllocation);
  const mssdPpas = Number(await totalText(page, 'total-ppas'));
  expect(mssdPpas).toBeLessThan(allPpas);
  const byMoa = page.getByRole('table').filter({ hasText: 'Figures by MOA' });
  await expect(byMoa.getByRole('rowheader')).toHaveText(['MSSD']);
  // The totals are the MSSD row's figures (Livelihood's spending is MSSD's).
  const mssdRow = byMoa.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'MSSD' }) });
  await expect(mssdRow.getByRole('cell').nth(3)).toHaveText(await totalText(page, 'total-disbursements'));
  expect(await totalText(page, 'total-disbursements')).not.toBe('₱0.00');

  await page.getByLabel('Sector', { exact: true }).selectOption('economic');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('portfolio-empty')).toContainText('No PPAs for FY 2026 with these filters.');

  await page.getByLabel('MOA', { exact: true }).selectOption('');
  await page.getByLabel('Fiscal year').selectOption('2025');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio · FY 2025' })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'Figures by sector' }).getByRole('rowheader')).toHaveText(['Economic']);
  await page.screenshot({ path: 'test-results/screenshots/portfolio-dashboard.png', fullPage: true });
});

test('filtered to one MOA, the subtitle names it, its variance axis reaches zero with distinct ticks, and legends follow the bars', async ({ page }) => {
  await signInToDashboard(page, 'reviewer@example.org');
  await expect(page.getByTestId('portfolio-scope')).toHaveText('All MOAs: budget execution by obligations and disbursements.');
  await page.goto('/?fy=2026&moa=MSSD&sector=social');
  await expect(page.getByTestId('portfolio-scope')).toHaveText('MSSD’s PPAs · Social sector: budget execution by obligations and disbursements.');
  const variance = page.getByTestId('chart-variance-by-moa');
  await expect(variance.locator('svg').first()).toBeVisible();
  // One bar below zero: the axis runs from below it up to ₱0, each tick its own figure (not "−₱834.6M" five times).
  const yTicks = variance.locator('text.recharts-cartesian-axis-tick-value[orientation="left"]');
  await expect.poll(() => yTicks.count()).toBeGreaterThan(2);
  const ticks = await yTicks.allTextContents();
  expect(new Set(ticks).size).toBe(ticks.length);
  expect(ticks).toContain('₱0');
  expect(await page.getByTestId('chart-by-moa').locator('.recharts-legend-item-text').allTextContents()).toEqual([
    'Allocation',
    'Obligations',
    'Disbursements',
  ]);
});

test('a planner sees only their MOA’s portfolio, also when asking for another MOA', async ({ page }) => {
  await signInToDashboard(page, 'planner@example.org');
  await page.goto('/?fy=2026');
  await expect(page.getByRole('table').filter({ hasText: 'Figures by MOA' }).getByRole('rowheader')).toHaveText(['MSSD']);
  await page.goto('/?fy=2026&moa=MAFAR');
  await expect(page.getByTestId('portfolio-empty')).toBeVisible();
});

test('the dashboard reads on a 375 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInToDashboard(page, 'executive@example.org');
  await page.goto('/?fy=2026');
  await expect(page.getByTestId('chart-by-moa').locator('svg').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/portfolio-phone.png', fullPage: true });
});
