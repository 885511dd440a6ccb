import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

test('an admin turns maintenance mode on at /admin/system: everyone sees the banner, a save is refused with the message, reads go on; then off', async ({
  page,
  browser,
}) => {
  await signIn(page, 'admin@example.org');
  await page.getByRole('link', { name: 'System' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Background jobs' })).toContainText('Nightly progress sync (02:00)');
  await expect(page.getByRole('region', { name: 'Running' })).toContainText('Database migration');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByLabel('Message for everyone (optional)').fill('Upgrading PPA Tracker; back by 18:30.');
  await page.getByRole('button', { name: 'Turn maintenance mode on' }).click();
  await page.getByRole('dialog', { name: 'Turn maintenance mode on?' }).getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Maintenance mode is on.' })).toBeVisible();
  await expect(page.getByTestId('maintenance-banner')).toContainText('Upgrading PPA Tracker; back by 18:30.');

  // A planner signs in during maintenance (sign-in keeps working), reads, and is refused a save with the message.
  const plannerSession = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const planner = await plannerSession.newPage();
  await signIn(planner, 'planner@example.org');
  await expect(planner.getByTestId('maintenance-banner')).toContainText('Upgrading PPA Tracker; back by 18:30.');
  await expect(planner.getByRole('link', { name: 'Livelihood Training for OBC Women' })).toBeVisible();
  const createPpa = async (title: string) => {
    await planner.goto('/ppas/new');
    await planner.getByLabel('Title').fill(title);
    await planner.getByLabel('Category').selectOption('activity');
    await planner.getByLabel('Sector').selectOption('social');
    await planner.getByLabel('Budget ceiling (₱)').fill('1000000');
    await planner.getByLabel('Budget allocation (₱)').fill('1000000');
    await planner.getByRole('button', { name: 'Create PPA' }).click();
  };
  await createPpa('Made during maintenance');
  await expect(planner.getByRole('alert').filter({ hasText: 'Upgrading PPA Tracker; back by 18:30.' })).toBeVisible();

  await page.getByRole('button', { name: 'Turn maintenance mode off' }).click();
  await page.getByRole('dialog', { name: 'Turn maintenance mode off?' }).getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByTestId('maintenance-banner')).toHaveCount(0);
  await createPpa('Made after maintenance');
  await expect(planner.getByRole('heading', { level: 1, name: 'Made after maintenance' })).toBeVisible();
  await expect(planner.getByTestId('maintenance-banner')).toHaveCount(0);
  await plannerSession.close();
});
