import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';
import { runBlocks, testedBlocks } from './tested-blocks';

const ROOT = path.join(import.meta.dirname, '..', '..');

/**
 * The curl examples of docs/api.md and the README, pasted in order into bash against this running app with a
 * planner's token made on the profile page, as a reader would. A block that stops working fails here, naming
 * its line and showing what it printed.
 */
for (const file of ['docs/api.md', 'README.md']) {
  test(`the tested examples of ${file} work when pasted`, async ({ page, baseURL }) => {
    const blocks = testedBlocks(path.join(ROOT, file));
    expect(blocks.length).toBeGreaterThan(0);

    await signIn(page, 'planner@example.org');
    await page.goto('/profile');
    await page.getByLabel('Token name').fill(`Docs examples ${Date.now()}`);
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent())!.trim();
    expect(token).toMatch(/^ppa_/);

    const { results, stderr } = runBlocks(blocks, { TOKEN: token, API: new URL('/api/v1', baseURL).toString() });
    const failures = results.filter((r) => r.problem).map((r) => `${r.block.file}:${r.block.line} ${r.problem}\n${r.output.slice(0, 2000)}`);
    expect(failures, `stderr:\n${stderr.slice(0, 2000)}`).toEqual([]);
  });
}
