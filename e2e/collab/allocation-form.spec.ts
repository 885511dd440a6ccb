import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../helpers';

async function openForm(browser: Browser, email: string, title: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByLabel('Search').fill(title);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('link', { name: 'Co-edit allocation form' }).click();
  await expect(page.getByTestId('connection')).toHaveText('● Live');
  return page;
}

const amount = (page: Page, title: string) => page.getByRole('textbox', { name: title, exact: true });

test('two planners co-edit live, see each other, and one saves for both; a viewer follows but cannot type', async ({ browser }) => {
  const title = "Women's Welfare Program"; // MSSD, in budget review: tracked, not locked
  const norhaya = await openForm(browser, 'planner@example.org', title);
  const amina = await openForm(browser, 'admin@example.org', title);

  await expect(norhaya.getByTestId('presence')).toContainText('Amina Admin');
  await expect(amina.getByTestId('presence')).toContainText('Norhaya Planner (MSSD)');

  // Norhaya types; Amina sees it as it is typed, and who is on the row.
  await amount(norhaya, 'Planning & Design').fill('11000000.00');
  await expect(amount(amina, 'Planning & Design')).toHaveValue('11000000.00');
  await expect(amina.getByTestId('row-Planning & Design')).toContainText('Norhaya Planner (MSSD)');
  await amina.getByLabel('Note on Implementation').fill('Two cohorts, Cotabato and Marawi');
  await expect(norhaya.getByLabel('Note on Implementation')).toHaveValue('Two cohorts, Cotabato and Marawi');

  // Over-allocation turns the rows red before anyone saves, in both browsers.
  await amount(amina, 'Implementation').fill('50000000');
  await expect(norhaya.getByText(/too much/).first()).toBeVisible();
  await expect(norhaya.getByRole('button', { name: 'Save allocation' })).toBeDisabled();
  await amount(amina, 'Implementation').fill('35580741.60');
  await expect(norhaya.getByText(/too much/)).toHaveCount(0);

  const viewer = await openForm(browser, 'viewer@example.org', title);
  await expect(amount(viewer, 'Planning & Design')).toHaveValue('11000000.00');
  await expect(amount(viewer, 'Planning & Design')).toBeDisabled();

  await norhaya.getByRole('button', { name: 'Save allocation' }).click();
  await expect(amina.getByTestId('saved')).toContainText('Saved by Norhaya Planner (MSSD) at');
  await expect(viewer.getByTestId('saved')).toContainText('Saved by Norhaya Planner (MSSD) at');
  await expect(amount(amina, 'Planning & Design')).toHaveValue('11000000.00');
  await norhaya.screenshot({ path: 'test-results/screenshots/allocation-form.png', fullPage: true });

  // The saved figures are the PPA's now.
  await norhaya.getByRole('link', { name: `← ${title}` }).click();
  await expect(norhaya.getByRole('tree', { name: 'Hierarchical breakdown' }).getByText('₱11,000,000.00')).toBeVisible();
});

test('a locked budget makes the form read-only for everyone', async ({ browser }) => {
  const page = await openForm(browser, 'planner@example.org', 'Livelihood Training for OBC Women');
  await expect(page.getByRole('note')).toContainText('The budget is locked');
  await expect(amount(page, 'Venue Booking')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save allocation' })).toHaveCount(0);
});
