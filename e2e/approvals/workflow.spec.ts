import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../helpers';

async function openPpa(page: Page, title: string) {
  await page.getByLabel('Search').fill(title);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a planner submits, reviewers and the executive approve through to enacted, and the PPA is ongoing', async ({ page }) => {
  const approvals = page.getByRole('region', { name: 'Approvals' });

  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'New PPA' }).first().click();
  const title = `Seaweed Farming Starter Kits ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('project');
  await page.getByLabel('Sector').selectOption('economic');
  await page.getByLabel('Appropriation class').selectOption('MOOE');
  await page.getByLabel('Funding source', { exact: true }).selectOption('GAAB');
  await page.getByLabel('Budget ceiling (₱)').fill('3000000');
  await page.getByLabel('Budget allocation (₱)').fill('3000000');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await approvals.getByRole('button', { name: 'Move to Technical review' }).click();
  await expect(approvals.getByText('Submit: Draft → Technical review')).toBeVisible();
  await expect(approvals.getByRole('button')).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'reviewer@example.org');
  await page.getByRole('link', { name: 'Review queue' }).click();
  const queue = page.getByRole('list', { name: 'Review queue' });
  await expect(queue.getByRole('listitem').filter({ hasText: title })).toContainText('0 days waiting');
  await queue.getByRole('link', { name: title }).click();
  await approvals.getByRole('button', { name: 'Move to Budget review' }).click();
  await expect(approvals.getByText('Approve: Technical review → Budget review')).toBeVisible();
  await approvals.getByRole('button', { name: 'Move to Executive approval' }).click();
  await expect(page.getByText(/Budget locked/)).toBeVisible();
  await signOut(page);

  await signIn(page, 'executive@example.org');
  await openPpa(page, title);
  await approvals.getByRole('button', { name: 'Move to Approved' }).click();
  await expect(approvals.getByRole('button', { name: 'Move to Enacted' })).toBeVisible();
  await approvals.getByRole('button', { name: 'Move to Enacted' }).click();
  await expect(approvals.getByText('Approve: Approved → Enacted')).toBeVisible();
  await expect(page.getByText('Ongoing').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Execution Tracking' }).getByText(/Project · In progress/)).toBeVisible();
});

test('a viewer sees no decisions, and a reviewer cannot reject without a comment', async ({ page }) => {
  const approvals = page.getByRole('region', { name: 'Approvals' });
  await signIn(page, 'viewer@example.org');
  await openPpa(page, 'Child and Youth Welfare Program');
  await expect(approvals.getByRole('button')).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'reviewer@example.org');
  await openPpa(page, "Women's Welfare Program");
  page.once('dialog', (dialog) => void dialog.accept());
  await approvals.getByRole('button', { name: 'Reject' }).click();
  await expect(approvals.getByRole('alert')).toHaveText('Say why the PPA is rejected: a comment is required.');
});
