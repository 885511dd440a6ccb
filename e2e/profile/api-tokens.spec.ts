import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

test('a planner creates an API token on the profile page, calls the REST API with it, and revokes it', async ({ page, request }) => {
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'Profile' }).click();
  const name = `BPDA dashboard ${Date.now()}`;
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^ppa_/);
  const row = page.getByRole('list', { name: 'API tokens' }).getByRole('listitem').filter({ hasText: name });
  await expect(row).toBeVisible();

  const list = await request.get('/api/v1/ppas?q=Livelihood', { headers: { authorization: `Bearer ${token}` } });
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string }[] };
  const tree = await request.get(`/api/v1/ppas/${items[0]!.id}/budget-allocation-tree`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await tree.json()) as { tree: { allocated: string } }).tree.allocated).toBe('5000000.00');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByText(/revoked/)).toBeVisible();
  expect((await request.get('/api/v1/ppas', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
