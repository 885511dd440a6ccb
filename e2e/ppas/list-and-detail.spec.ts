import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from '../helpers';

test('a page other than sign-in sends a visitor to sign in', async ({ page }) => {
  await page.goto('/ppas');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'PPA Tracker' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('planner@example.org');
  await page.getByLabel('Password').fill(`${DEMO_PASSWORD}-wrong`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That email and password do not match an active account.' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an empty sign-in says what is missing, not that the password is wrong', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter your email and password.' })).toBeVisible();
  await page.getByLabel('Email').fill('planner@example.org');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter your password.' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toHaveCount(0);
});

test('the demo planner sees the seeded MSSD PPAs and opens Livelihood Training', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const list = page.getByRole('table', { name: 'PPAs' });
  await expect(list.getByRole('link', { name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Quick Response Fund' })).toBeVisible();
  // Another MOA's PPA never shows for an MSSD planner.
  await expect(list.getByRole('link', { name: 'Food Security and Nutrition Convergence Program' })).toHaveCount(0);

  await list.getByRole('link', { name: 'Livelihood Training for OBC Women' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await expect(page.getByText('₱5,000,000.00').first()).toBeVisible();
  const execution = page.getByRole('region', { name: 'Execution Tracking' });
  await expect(execution.getByText('Venue Booking')).toBeVisible();
  // Preparation: the e2e modification request (e2e/modifications/) moves money into Execution, never out of here.
  const preparationActivity = execution.getByRole('row', { name: 'Preparation', exact: true });
  await expect(preparationActivity).toContainText('Allocated ₱750,000.00');
  await expect(preparationActivity).toContainText(/15\.0%\s*of Livelihood Training for OBC Women/);
  await page.screenshot({ path: 'test-results/screenshots/livelihood-detail.png', fullPage: true });
});

test('filters narrow the list by approval stage', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await page.getByLabel('Approval stage').selectOption('draft');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const list = page.getByRole('table', { name: 'PPAs' });
  await expect(list.getByRole('link', { name: 'Family and Community Welfare Program' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Livelihood Training for OBC Women' })).toHaveCount(0);
});

test('a planner creates a PPA; a bad amount is shown next to its field', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'New PPA' }).first().click();
  await page.getByLabel('Title').fill('Community Kitchen for Displaced Families');
  await page.getByLabel('Category').selectOption('project');
  await page.getByLabel('Sector').selectOption('social');
  await page.getByLabel('Budget ceiling (₱)').fill('1,000,000.00');
  await page.getByLabel('Budget allocation (₱)').fill('1200000');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByText('The budget allocation cannot be more than the budget ceiling.')).toBeVisible();
  await expect(page.getByLabel('Budget allocation (₱)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Budget allocation (₱)').fill('950000');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Community Kitchen for Displaced Families' })).toBeVisible();
  // In the summary: the page's History also names the amount ("Budget allocation: ₱950,000.00").
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('₱950,000.00')).toBeVisible();
});

test('the PPA list reads on a 375 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, 'planner@example.org');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/ppa-list-phone.png', fullPage: true });
});

test('a planner edits their PPA; a viewer gets no edit action; signing out ends the session', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await page.getByLabel('Search').fill('Quick Response');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: 'Quick Response Fund' }).click();
  await page.getByRole('link', { name: 'Edit PPA' }).click();
  await page.getByLabel('Description').fill('Standby fund for immediate relief after disasters.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Standby fund for immediate relief after disasters.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/ppas');
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, 'viewer@example.org');
  await page.getByRole('link', { name: 'Quick Response Fund' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quick Response Fund' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit PPA' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New PPA' })).toHaveCount(0);
});
