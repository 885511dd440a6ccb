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
