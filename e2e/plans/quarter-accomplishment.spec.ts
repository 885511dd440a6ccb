import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openPpa, signIn } from '../helpers';

const PHONE = { width: 375, height: 812 };

test('on a phone a planner records a quarter’s accomplishment with its explanation; the S-curve shows and the quarter card changes', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  const plans = page.getByRole('region', { name: 'Plans and targets' });
  await expect(plans.getByText(/Version 1, locked with the budget/)).toBeVisible();

  // The S-curve's code arrives only once its place is scrolled into view.
  const curve = page.getByTestId('chart-s-curve');
  await expect(curve).toHaveCount(0);
  await plans.getByText('Financial Plan', { exact: true }).scrollIntoViewIfNeeded();
  await expect(curve.locator('.recharts-line')).toHaveCount(4);

  const q4 = page.getByTestId('quarter-card-4-indicators');
  await expect(q4).toHaveText('0 of 2 reported, 0 on target');

  const women = plans.getByTestId('indicator').filter({ hasText: 'OBC women trained' });
  await women.getByRole('button', { name: 'Record accomplishment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accomplishment: OBC women trained' });
  await dialog.getByLabel('Quarter').selectOption('4');
  await dialog.getByLabel('Accomplished (persons)').fill('60');
  await expect(dialog.getByText('60 of 100 persons is more than 15% short of the target: explain why.')).toBeVisible();
  const explanation = dialog.getByLabel('Explanation of the shortfall (required)');
  await expect(explanation).toHaveAttribute('required', '');
  await explanation.fill('The last batch moved to January: the hall was taken for the plebiscite.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await dialog.getByRole('button', { name: 'Save accomplishment' }).click();

  await expect(dialog).toBeHidden();
  await expect(q4).toHaveText('1 of 2 reported, 0 on target');
  await expect(women).toContainText('60 of 100');
  await expect(women).toContainText('The last batch moved to January');
  await expect(curve.locator('.recharts-line')).toHaveCount(4);

  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="plans"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});
