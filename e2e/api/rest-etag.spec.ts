import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

// The REST API as the production server sends it (Next.js in front): the allocation tree gzipped by Next.js for
// a client that accepts it, decoding to the same JSON as the plain answer, with an ETag that earns a 304.
test('the allocation tree over REST: gzipped when accepted, the same JSON, and 304 for an unchanged tree', async ({ page, request }) => {
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Token name').fill(`ETag check ${Date.now()}`);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  const authorization = `Bearer ${token}`;
  const { items } = (await (await request.get('/api/v1/ppas?q=Livelihood', { headers: { authorization } })).json()) as { items: { id: string }[] };
  const path = `/api/v1/ppas/${items[0]!.id}/budget-allocation-tree`;

  const plain = await request.get(path, { headers: { authorization, 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  const gzipped = await request.get(path, { headers: { authorization, 'accept-encoding': 'gzip' } });
  expect(gzipped.headers()['content-encoding']).toBe('gzip');
  expect(await gzipped.json()).toEqual(await plain.json());

  const etag = gzipped.headers()['etag']!;
  expect(etag).toBe(plain.headers()['etag']);
  const again = await request.get(path, { headers: { authorization, 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  // Without a token the tag earns nothing: the caller is checked before any 304.
  expect((await request.get(path, { headers: { 'if-none-match': etag } })).status()).toBe(401);
});
