import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../helpers';

/** Every console message of every page opened here: the form must not print Yjs's duplicate-import warning. */
const consoleMessages: string[] = [];

async function openForm(browser: Browser, email: string, title: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
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
  // Typed raw where it is being typed; read as pesos everywhere else.
  await expect(amount(norhaya, 'Planning & Design')).toHaveValue('11000000.00');
  await expect(amount(amina, 'Planning & Design')).toHaveValue('₱11,000,000.00');
  await expect(amina.getByTestId('row-Planning & Design')).toContainText('Norhaya Planner (MSSD)');
  await amina.getByLabel('Note on Implementation').fill('Two cohorts, Cotabato and Marawi');
  await expect(norhaya.getByLabel('Note on Implementation')).toHaveValue('Two cohorts, Cotabato and Marawi');

  // Over-allocation turns the rows red before anyone saves, in both browsers, with one message for the group.
  await amount(amina, 'Implementation').fill('50000000');
  await expect(norhaya.getByTestId('group-problem')).toHaveCount(1);
  await expect(norhaya.getByTestId('group-problem')).toContainText('too much');
  await expect(norhaya.getByText(/too much/)).toHaveCount(1);
  await expect(amount(norhaya, 'Planning & Design')).toHaveAttribute('aria-invalid', 'true');
  await expect(amount(norhaya, 'Monitoring & Evaluation')).toHaveAttribute('aria-invalid', 'true');
  await expect(norhaya.getByRole('button', { name: 'Save allocation' })).toBeDisabled();
  await amount(amina, 'Implementation').fill('35580741.60');
  await expect(norhaya.getByText(/too much/)).toHaveCount(0);

  const viewer = await openForm(browser, 'viewer@example.org', title);
  await expect(amount(viewer, 'Planning & Design')).toHaveValue('₱11,000,000.00');
  await expect(amount(viewer, 'Planning & Design')).toBeDisabled();

  await norhaya.getByRole('button', { name: 'Save allocation' }).click();
  // "Saved by … on Nov 27, 2026 at 07:30": the Manila date as well as the time.
  const savedLine = /^Saved by Norhaya Planner \(MSSD\) on [A-Z][a-z]{2} \d{1,2}, \d{4} at \d{2}:\d{2}$/;
  await expect(amina.getByTestId('saved')).toHaveText(savedLine);
  await expect(viewer.getByTestId('saved')).toHaveText(savedLine);
  const today = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date());
  await expect(viewer.getByTestId('saved')).toContainText(today);
  await expect(amount(amina, 'Planning & Design')).toHaveValue('₱11,000,000.00');
  await norhaya.screenshot({ path: 'test-results/screenshots/allocation-form.png', fullPage: true });

  // The saved figures are the PPA's now.
  await norhaya.getByRole('link', { name: `← ${title}` }).click();
  await expect(norhaya.getByRole('treegrid', { name: 'Hierarchical breakdown' }).getByText('₱11,000,000.00')).toBeVisible();
});

test('a locked budget makes the form read-only for everyone', async ({ browser }) => {
  const page = await openForm(browser, 'planner@example.org', 'Livelihood Training for OBC Women');
  await expect(page.getByRole('note')).toContainText('The budget is locked');
  await expect(amount(page, 'Venue Booking')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save allocation' })).toHaveCount(0);
});

test('on a 375 px phone the form reads: titles above the inputs, labelled weight and note, pesos formatted', async ({ browser }) => {
  const phone = await openForm(browser, 'planner@example.org', "Women's Welfare Program", { width: 375, height: 812 });
  const row = phone.getByTestId('row-Monitoring & Evaluation');
  const title = row.locator('label', { hasText: 'Monitoring & Evaluation' });
  const box = await title.boundingBox();
  // No input runs over the title: each starts below it.
  for (const input of await row.locator('input').all()) {
    const inputBox = (await input.boundingBox())!;
    expect(inputBox.y).toBeGreaterThanOrEqual(box!.y + box!.height - 1);
  }
  await expect(row.getByText('Weight', { exact: true })).toBeVisible();
  await expect(row.getByText('Note', { exact: true })).toBeVisible();
  await expect(phone.getByLabel('Weight of Monitoring & Evaluation')).toBeVisible();
  await expect(phone.getByLabel('Note on Monitoring & Evaluation')).toBeVisible();
  const monitoring = amount(phone, 'Monitoring & Evaluation');
  await expect(monitoring).toHaveValue(/^₱[\d,]+\.\d\d$/);
  await monitoring.focus();
  await expect(monitoring).toHaveValue(/^\d+\.\d\d$/);
  await monitoring.blur();
  await expect(monitoring).toHaveValue(/^₱[\d,]+\.\d\d$/);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: 'test-results/screenshots/allocation-form-phone.png', fullPage: true });
});

test('opening the form prints no "Yjs was already imported" warning', async ({ browser }) => {
  const page = await openForm(browser, 'planner@example.org', "Women's Welfare Program");
  // The form is live (Yjs loaded and synced); a page load later, still nothing.
  await expect(amount(page, 'Implementation')).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('● Live');
  expect(consoleMessages.filter((m) => m.includes('Yjs was already imported'))).toEqual([]);
});
