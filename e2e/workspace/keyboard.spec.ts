import { expect, test, type Page } from '@playwright/test';
import { openPpa, signIn } from '../helpers';
import { childTitles, createPpa, rowAction, treeRow, workspace } from './tree';

/** Whether the focused element is inside the tree (a row, or a control in a row). */
const focusInTree = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[role="treegrid"]')));

test('the tree is one tab stop: arrows move between rows, → and ← open and close them, Enter opens a row’s actions', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  const { tracking, tree } = workspace(page);
  const row = (title: string) => treeRow(tree, title);

  // Tab reaches the tree once, on its first row, and the next Tab leaves it (8 rows: one stop, not sixteen).
  await tracking.getByText('Subscribe to calendar').focus();
  await page.keyboard.press('Tab');
  await expect(row('Livelihood Training for OBC Women')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focusInTree(page)).toBe(false);
  const tabStops = await tree.evaluate((grid) => [...grid.querySelectorAll<HTMLElement>('*')].filter((e) => e.tabIndex >= 0).length);
  expect(tabStops).toBe(1);
  await row('Livelihood Training for OBC Women').focus();

  await page.keyboard.press('ArrowDown');
  await expect(row('Preparation')).toBeFocused();
  await expect(row('Preparation')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(row('Preparation')).toHaveAttribute('aria-expanded', 'false');
  await expect(row('Venue Booking')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(row('Execution')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect(row('Venue Booking')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(row('Venue Booking')).toBeFocused();
  await expect(row('Venue Booking')).toHaveAttribute('aria-level', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(row('Preparation')).toBeFocused();
  await page.keyboard.press('End');
  await expect(row('M&E Report')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(row('Livelihood Training for OBC Women')).toBeFocused();

  // The tab stop stays where the person left the tree.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(row('Venue Booking')).toBeFocused();
  await tracking.getByText('Subscribe to calendar').focus();
  await page.keyboard.press('Tab');
  await expect(row('Venue Booking')).toBeFocused();

  // → from an open row or a leaf reaches its actions button, ← comes back; Enter opens the menu; Esc closes it.
  await page.keyboard.press('ArrowRight');
  const actions = tree.getByRole('button', { name: 'Actions for Venue Booking', exact: true });
  await expect(actions).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(row('Venue Booking')).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for Venue Booking' });
  await expect(menu.getByRole('menuitem', { name: 'Edit', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(actions).toBeFocused();

  // A mouse opens and closes a row with its arrow.
  await row('Execution').getByTestId('row-toggle').click();
  await expect(row('Training Sessions')).toHaveCount(0);
  await expect(row('Execution')).toHaveAttribute('aria-expanded', 'false');
});

test('a dialog opens on its first field and, closed, gives the focus back to the row’s actions button', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  const { tree } = workspace(page);
  const actions = tree.getByRole('button', { name: 'Actions for Venue Booking', exact: true });

  // From the keyboard: Enter on the row, Enter on "Edit", Esc.
  await treeRow(tree, 'Venue Booking').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit Venue Booking' });
  await expect(edit.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(edit).toHaveCount(0);
  await expect(actions).toBeFocused();

  // With the mouse, closed with its own button.
  await rowAction(page, tree, 'Venue Booking', 'Spending');
  const spending = page.getByRole('dialog', { name: 'Spending on Venue Booking' });
  await expect(spending.getByLabel('Kind')).toBeFocused();
  await spending.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(spending).toHaveCount(0);
  await expect(actions).toBeFocused();
});

test('Alt+→ moves a row into the item above it, a move the types forbid is explained, and a deleted row hands the focus to its parent', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'planner@example.org');
  const title = `Madrasah Feeding Programme ${Date.now()}`;
  await createPpa(page, title);
  const { tracking, tree } = workspace(page);
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  await expect.poll(() => childTitles(tree, title)).toEqual(['Preparation', 'Execution', 'Completion & Reporting']);

  // A task straight under the project, then moved into the activity above it.
  await rowAction(page, tree, title, 'Add item under');
  await page.getByLabel('Title').fill('Catering');
  await page.getByLabel('Type').selectOption('task');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => childTitles(tree, title)).toEqual(['Preparation', 'Execution', 'Completion & Reporting', 'Catering']);
  await treeRow(tree, 'Catering').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => childTitles(tree, 'Completion & Reporting')).toEqual(['Catering']);
  await expect(treeRow(tree, 'Catering')).toBeFocused();

  // An activity cannot go into another activity: said at once, nothing sent.
  await treeRow(tree, 'Execution').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(tracking.getByRole('status').filter({ hasText: 'cannot move into' })).toHaveText(
    '"Execution" cannot move into "Preparation": An activity cannot go under an activity; choose sub-activity, task, subtask.',
  );
  await expect.poll(() => childTitles(tree, title)).toEqual(['Preparation', 'Execution', 'Completion & Reporting']);

  // Deleted from the keyboard: the focus goes to the parent, not to the page.
  await treeRow(tree, 'Catering').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Delete "Catering"?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(treeRow(tree, 'Catering')).toHaveCount(0);
  await expect(treeRow(tree, 'Completion & Reporting')).toBeFocused();
});

test('under a sub-project the Add dialog starts at an activity, with the types named as the tree names them', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const title = `Coastal Road Survey ${Date.now()}`;
  await createPpa(page, title);
  const { tracking, tree } = workspace(page);
  await tracking.getByRole('button', { name: 'Enable with an empty plan' }).click();
  await rowAction(page, tree, title, 'Add item under');
  await expect(page.getByLabel('Type')).toHaveValue('activity');
  await page.getByLabel('Title').fill('Northern segment');
  await page.getByLabel('Type').selectOption('sub_project');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(treeRow(tree, 'Northern segment')).toContainText('Sub-project · Not started · 0%');

  await rowAction(page, tree, 'Northern segment', 'Add item under');
  const type = page.getByRole('dialog', { name: 'Add under Northern segment' }).getByLabel('Type');
  await expect(type).toHaveValue('activity');
  expect(await type.locator('option').allTextContents()).toEqual(['Activity', 'Sub-activity', 'Task', 'Subtask']);
});

test('a skip link is the first stop on every page and leads past the header', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await page.goto('/ppas');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // The next stop is the page's own first control, not the header's first link.
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
});
