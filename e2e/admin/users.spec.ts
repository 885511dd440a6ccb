import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

test('an admin creates an account, its owner sets a password and signs in, and deactivation shuts them out at once', async ({ page, browser, context }) => {
  const email = `field.officer.${Date.now()}@mssd.example`;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'admin@example.org');
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

  // A viewer needs a MOA: the form says so before anything is created.
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill('Field Officer');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Planners, viewers and MOA heads belong to a MOA: choose one.')).toBeVisible();
  await page.getByLabel('MOA').selectOption({ label: 'MSSD — Ministry of Social Services and Development' });
  await page.getByRole('button', { name: 'Create account' }).click();
  const link = (await page.getByTestId('password-link').textContent())!.trim();
  expect(link).toMatch(/\/set-password#token=/);
  await expect(page.getByTestId(`user-${email}`)).toContainText('password not set yet');
  // One click puts the link on the clipboard, to paste into a message.
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Copied: paste it into your message.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await officerPage.goto(link);
  await officerPage.getByLabel('New password').fill('cotabato river morning');
  await officerPage.getByLabel('Type it again').fill('cotabato river morning');
  await officerPage.getByRole('button', { name: 'Set password' }).click();
  // The link, opened again once used, says so at once: no form to fill in for nothing.
  const reopened = await officer.newPage();
  await reopened.goto(link);
  await expect(reopened.getByRole('alert').filter({ hasText: 'This link has expired or was already used. Ask an administrator for a new one.' })).toBeVisible();
  await expect(reopened.getByLabel('New password')).toHaveCount(0);
  await reopened.close();
  await officerPage.getByRole('link', { name: 'Sign in' }).click();
  await officerPage.getByLabel('Email').fill(email);
  await officerPage.getByLabel('Password').fill('cotabato river morning');
  await officerPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(officerPage).toHaveURL(/:\d+\/$/); // the portfolio dashboard
  await expect(officerPage.getByText('Field Officer · Viewer · MSSD')).toBeVisible();

  await page.getByTestId(`user-${email}`).getByRole('button', { name: 'Deactivate' }).click();
  // A styled confirmation, not the browser's confirm().
  await page
    .getByRole('dialog', { name: `Deactivate ${email}?` })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(page.getByTestId(`user-${email}`)).toContainText('Deactivated');

  // Their very next request: the session no longer counts.
  await officerPage.reload();
  await expect(officerPage).toHaveURL(/\/sign-in/);
  await expect(officerPage.getByRole('alert').filter({ hasText: 'this account was deactivated' })).toBeVisible();
  await officerPage.getByLabel('Email').fill(email);
  await officerPage.getByLabel('Password').fill('cotabato river morning');
  await officerPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(officerPage.getByRole('alert').filter({ hasText: 'do not match an active account' })).toBeVisible();
  // One message, not the session notice beside a refusal that seems to contradict it.
  await expect(officerPage.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
  await officer.close();
});

test('a planner who opens /admin/users is told only an administrator manages accounts', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('alert').filter({ hasText: 'Only an administrator manages accounts' })).toBeVisible();
});
