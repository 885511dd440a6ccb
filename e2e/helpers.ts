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

/** Finds a PPA by title through the list's search and opens its page. */
export async function openPpa(page: Page, title: string) {
  await page.goto('/ppas');
  await page.getByLabel('Search').fill(title);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
