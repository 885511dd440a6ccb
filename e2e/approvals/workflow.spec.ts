import { expect, test, type Page } from '@playwright/test';
import { enterBalancedPlans, openPpa, signIn } from '../helpers';

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
  await enterBalancedPlans(page);
  // The planner cannot reject: their panel has no "required to reject" comment box.
  await expect(approvals.getByText('Comment (required to reject)')).toHaveCount(0);
  await expect(approvals.getByLabel('Comment (optional)')).toBeVisible();
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
  await expect(page.getByTestId('budget-lock').getByText('Budget locked', { exact: true })).toBeVisible();
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
  let browserDialogs = 0;
  page.on('dialog', (dialog) => {
    browserDialogs += 1;
    void dialog.dismiss();
  });
  // The comment is asked for first, beside the field, before any "are you sure?".
  await approvals.getByRole('button', { name: 'Reject' }).click();
  await expect(approvals.getByRole('alert')).toHaveText('Say why the PPA is rejected: a comment is required.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const comment = approvals.getByLabel('Comment (required to reject)');
  await expect(comment).toBeFocused();
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  // With a comment, a styled confirmation quotes it; cancelling changes nothing.
  await comment.fill('The training costs are not itemised.');
  await approvals.getByRole('button', { name: 'Reject' }).click();
  const confirmReject = page.getByRole('dialog', { name: 'Reject this PPA?' });
  await expect(confirmReject).toContainText('The training costs are not itemised.');
  await expect(approvals.getByRole('alert')).toHaveCount(0);
  await confirmReject.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmReject).toHaveCount(0);
  await expect(page.getByText('Budget review').first()).toBeVisible();
  expect(browserDialogs).toBe(0);
});

test('a reviewer rejects a submitted PPA with a comment, after confirming', async ({ page }) => {
  const approvals = page.getByRole('region', { name: 'Approvals' });
  await signIn(page, 'planner@example.org');
  await page.goto('/ppas/new');
  const title = `Fish Port Repairs ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption('project');
  await page.getByLabel('Sector').selectOption('economic');
  await page.getByRole('button', { name: 'Create PPA' }).click();
  await approvals.getByRole('button', { name: 'Move to Technical review' }).click();
  await expect(approvals.getByText('Submit: Draft → Technical review')).toBeVisible();
  await signOut(page);

  await signIn(page, 'reviewer@example.org');
  await openPpa(page, title);
  await approvals.getByLabel('Comment (required to reject)').fill('No site survey attached.');
  await approvals.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('dialog', { name: 'Reject this PPA?' }).getByRole('button', { name: 'Reject PPA' }).click();
  await expect(approvals.getByText('Reject: Technical review → Rejected')).toBeVisible();
  await expect(approvals.getByText('“No site survey attached.”')).toBeVisible();
  await signOut(page);

  // The planner's notice says why at a glance, not behind a collapsed "Details".
  await signIn(page, 'planner@example.org');
  await page.goto('/notifications');
  const notice = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Rejected in technical review: ${title}` }) });
  await expect(notice.getByText('“No site survey attached.”')).toBeVisible();
});
