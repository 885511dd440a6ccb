import { expect, type Page } from '@playwright/test';

import { DEMO_PASSWORD } from '../db/seed/demo-data';

export { DEMO_PASSWORD };

/** Signs in and lands on the PPA list (the app's own first screen is the portfolio dashboard, `/`). */
export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in?callbackUrl=%2Fppas');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/ppas$/);
}

/**
 * Enters the Budget Execution Documents budget review asks for (docs/domain-rules.md, "Plans and targets"), as
 * a planner on the PPA open on this page: the Financial Plan proposed from its work items, and one indicator.
 */
export async function enterBalancedPlans(page: Page) {
  const plans = page.getByRole('region', { name: 'Plans and targets' });
  await plans.getByRole('button', { name: 'Enter Financial Plan' }).click();
  await plans.getByRole('button', { name: 'Propose from work items' }).click();
  await expect(plans.getByText(/: the whole allocation\./)).toBeVisible();
  await plans.getByRole('button', { name: 'Save Financial Plan' }).click();
  await expect(plans.getByRole('button', { name: 'Edit Financial Plan' })).toBeVisible();
  await plans.getByRole('button', { name: 'Add indicators' }).click();
  await plans.getByLabel('Name').fill('Households reached');
  await plans.getByLabel('Unit of measure').fill('households');
  for (const q of [1, 2, 3, 4]) await plans.getByLabel(`Q${q} target`).fill('25');
  await plans.getByRole('button', { name: 'Save indicators' }).click();
  await expect(plans.getByTestId('plan-problems')).toHaveCount(0);
}

/**
 * Takes the PPA open on this page out of budget review, as its people would: the planner submits it, then an MFBM
 * reviewer, in a browser session of their own, approves it through technical and budget review. Its budget is
 * then locked and its ledger open (docs/domain-rules.md, "Ledger"). The PPA needs an appropriation class and a
 * funding source, as budget review does; the planner first enters its plans.
 */
export async function approveOutOfBudgetReview(page: Page) {
  const url = page.url();
  await enterBalancedPlans(page);
  await page.getByRole('button', { name: 'Move to Technical review' }).click();
  await expect(page.getByRole('button', { name: 'Move to Technical review' })).toHaveCount(0);
  const reviewerSession = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(url).origin });
  const reviewer = await reviewerSession.newPage();
  await signIn(reviewer, 'reviewer@example.org');
  await reviewer.goto(url);
  for (const stage of ['Budget review', 'Stakeholder consultation']) {
    await reviewer.getByRole('button', { name: `Move to ${stage}` }).click();
    await expect(reviewer.getByRole('button', { name: `Move to ${stage}` })).toHaveCount(0);
  }
  await reviewerSession.close();
  await page.reload();
}

/** Finds a PPA by title through the list's search and opens its page. */
export async function openPpa(page: Page, title: string) {
  await page.goto('/ppas');
  await page.getByLabel('Search').fill(title);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
