import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openPpa, signIn } from '../helpers';
import { rowAction, workspace } from '../workspace/tree';

/**
 * The screenshots of the user guides (docs/guides/*.md), retaken on every e2e run so they show the app as it
 * is. Desktop shots at 1366×800, one phone shot at 375×812; each is one screen (not the full page), to stay
 * small. Nothing here changes data: the shots are of the seeded demo PPAs.
 */
const IMAGES = path.join(import.meta.dirname, '..', '..', 'docs', 'guides', 'images');
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 375, height: 812 };

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => mkdirSync(IMAGES, { recursive: true }));

async function as(browser: Browser, email: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...(viewport === PHONE ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

function shoot(page: Page, name: string) {
  return page.screenshot({ path: path.join(IMAGES, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('planner: the PPA list, the workspace, distributing, co-editing, and the tree on a phone', async ({ browser }) => {
  const page = await as(browser, 'planner@example.org');
  await expect(page.getByRole('table', { name: 'PPAs' }).getByRole('link', { name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await shoot(page, 'planner-ppa-list');

  await openPpa(page, 'Livelihood Training for OBC Women');
  const { tracking, tree } = workspace(page);
  await expect(tree.getByText('Venue Booking')).toBeVisible();
  await tracking.evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await shoot(page, 'planner-workspace');

  // Women's Welfare Program is in budget review: its budget is not locked, so it can be distributed and co-edited.
  await openPpa(page, "Women's Welfare Program");
  const women = workspace(page);
  await expect(women.tree.getByText('Implementation')).toBeVisible();
  await rowAction(page, women.tree, "Women's Welfare Program", 'Distribute budget');
  const dialog = page.getByRole('dialog', { name: /Distribute/ });
  await dialog.getByLabel('By weight').check();
  // Weights 3 : 5 : 2 of ₱59,301,236.00, previewed before anything is written (Cancel leaves it as it was).
  await dialog.getByLabel('Weight of Planning & Design').fill('3');
  await dialog.getByLabel('Weight of Implementation').fill('5');
  await dialog.getByLabel('Weight of Monitoring & Evaluation').fill('2');
  await expect(dialog.getByRole('cell', { name: '₱29,650,618.00' })).toBeVisible();
  await shoot(page, 'planner-distribute');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Co-edit allocation form' }).click();
  await expect(page.getByTestId('connection')).toHaveText('● Live');
  await expect(page.getByRole('textbox', { name: 'Implementation', exact: true })).toBeEditable();
  await shoot(page, 'planner-co-edit');
  await page.context().close();

  const phone = await as(browser, 'planner@example.org', PHONE);
  await openPpa(phone, 'Livelihood Training for OBC Women');
  const onPhone = workspace(phone);
  await expect(onPhone.tree.getByText('Venue Booking')).toBeVisible();
  await onPhone.tree.evaluate((treeElement) => treeElement.scrollIntoView({ block: 'start' }));
  await shoot(phone, 'planner-phone-tree');
  await phone.context().close();
});

test('reviewer: the review queue', async ({ browser }) => {
  const page = await as(browser, 'reviewer@example.org');
  await page.goto('/reviews');
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting on my decision' })).toBeVisible();
  await expect(page.getByText("Women's Welfare Program").first()).toBeVisible();
  await shoot(page, 'reviewer-review-queue');
  await page.context().close();
});

test('executive: the portfolio dashboard', async ({ browser }) => {
  const page = await as(browser, 'executive@example.org');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /Portfolio/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Waiting longest in review' })).toBeVisible();
  await shoot(page, 'executive-portfolio');
  await page.context().close();
});

test('viewer: a PPA, read only', async ({ browser }) => {
  const page = await as(browser, 'viewer@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  await expect(workspace(page).tree.getByText('Venue Booking')).toBeVisible();
  await shoot(page, 'viewer-ppa');
  await page.context().close();
});

test('admin: the accounts page', async ({ browser }) => {
  const page = await as(browser, 'admin@example.org');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByText('planner@example.org').first()).toBeVisible();
  await shoot(page, 'admin-users');
  await page.context().close();
});
