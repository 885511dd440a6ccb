import { expect, type Locator, type Page } from '@playwright/test';

/** The Execution Tracking section and its tree (a treegrid), on a PPA's page. */
export function workspace(page: Page) {
  const tracking = page.getByRole('region', { name: 'Execution Tracking' });
  const tree = tracking.getByRole('treegrid', { name: 'Hierarchical breakdown' });
  return { tracking, tree };
}

/** A row of the tree (its own line: the rows under it are rows of their own). */
export function treeRow(tree: Locator, title: string): Locator {
  return tree.getByRole('row', { name: title, exact: true });
}

/** Opens the row's actions menu and picks one ("Edit", "Add item under", "Distribute budget", "Spending", "Delete"). */
export async function rowAction(page: Page, tree: Locator, title: string, action: string) {
  await tree.getByRole('button', { name: `Actions for ${title}`, exact: true }).click();
  const menu = page.getByRole('menu', { name: `Actions for ${title}` });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: action, exact: true }).click();
}

/** The titles of a row's children, in order: the rows one level deeper that follow it, up to its next sibling. */
export function childTitles(tree: Locator, title: string) {
  return tree.locator('[role="row"][aria-level]').evaluateAll((rows, parentTitle) => {
    const levels = rows.map((row) => ({ title: row.getAttribute('aria-label'), level: Number(row.getAttribute('aria-level')) }));
    const at = levels.findIndex((row) => row.title === parentTitle);
    if (at < 0) return [];
    const children: string[] = [];
    for (const row of levels.slice(at + 1)) {
      if (row.level <= levels[at]!.level) break;
      if (row.level === levels[at]!.level + 1) children.push(row.title ?? '');
    }
    return children;
  }, title);
}

/**
 * Creates a PPA from the PPA list (planner or admin) and lands on its page; `readyForReview` also gives it the
 * appropriation class and funding source that budget review asks for.
 */
export async function createPpa(page: Page, title: string, amount = '1000000', options: { readyForReview?: boolean } = {}) {
  await page.goto('/ppas');
  await page.getByRole('link', { name: 'New PPA' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('activity');
  await page.getByLabel('Sector').selectOption('social');
  await page.getByLabel('Budget ceiling (₱)').fill(amount);
  await page.getByLabel('Budget allocation (₱)').fill(amount);
  if (options.readyForReview) {
    await page.getByLabel('Appropriation class').selectOption('MOOE');
    await page.getByLabel('Funding source', { exact: true }).selectOption('GAAB');
  }
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
