import { expect, test, type Locator } from '@playwright/test';
import { openPpa, signIn } from '../helpers';
import { rowAction, workspace } from '../workspace/tree';

const PHONE = { width: 375, height: 812 };

/** Every visible element's box (or, with `content`, the box of what it holds: its text, its input), named for the failure message. */
function boxes(locator: Locator, content = false) {
  return locator.evaluateAll(
    (elements, ofContent) =>
      elements
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const b = ofContent ? range.getBoundingClientRect() : e.getBoundingClientRect();
          return {
            name: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30),
            left: b.left,
            right: b.right,
            width: Math.round(b.width),
            height: Math.round(b.height),
          };
        }),
    content,
  );
}

const under = <T extends { width: number; height: number }>(sizes: T[], min: number) => sizes.filter((s) => s.width < min || s.height < min);

/** Boxes of one row that touch or overlap, left to right. */
function collisions(row: { name: string; left: number; right: number }[], gap: number) {
  const sorted = [...row].sort((a, b) => a.left - b.left);
  return sorted.slice(1).flatMap((box, i) => (box.left - sorted[i]!.right < gap ? [`${sorted[i]!.name} | ${box.name}`] : []));
}

test('on a phone the PPA list is cards that show stage and utilisation, with sort and export targets big enough to tap', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'planner@example.org');
  const cards = page.getByRole('list', { name: 'PPAs' });
  await expect(cards).toBeVisible();
  await expect(page.getByRole('table', { name: 'PPAs' })).toBeHidden();
  const livelihood = cards.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Livelihood Training for OBC Women' }) });
  await expect(livelihood).toContainText('Enacted');
  await expect(livelihood).toContainText(/Utilisation\s*\d+\.\d{2}%/);
  await expect(livelihood).toContainText('₱5,000,000.00');
  await expect(page.getByTestId('totals-card')).toContainText(/Total · \d+ PPAs/);
  // Everything in view: no sideways scrolling, of the page or of a box inside it.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  const sortLinks = page.getByRole('navigation', { name: 'Sort the PPAs' }).getByRole('link');
  await expect(sortLinks).toHaveCount(6);
  const targets = [...(await boxes(sortLinks)), ...(await boxes(page.getByRole('link', { name: /^Export (CSV|XLSX)$/ })))];
  expect(targets).toHaveLength(8);
  expect(under(targets, 44).map((t) => t.name)).toEqual([]);
  await sortLinks.filter({ hasText: 'Utilisation' }).click();
  await expect(page).toHaveURL(/sort=utilisation&order=desc/);
  await expect(page.getByRole('navigation', { name: 'Sort the PPAs' }).getByRole('link', { name: /^Utilisation.*sorted descending/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await page.screenshot({ path: 'test-results/screenshots/ppa-list-phone.png', fullPage: true });
});

test('on a desk the list’s sort headers and export links are at least 24 px tall', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const table = page.getByRole('table', { name: 'PPAs' });
  await expect(table).toBeVisible();
  const targets = [
    ...(await boxes(table.getByRole('columnheader').getByRole('link'))),
    ...(await boxes(page.getByRole('link', { name: /^Export (CSV|XLSX)$/ }))),
  ];
  expect(targets).toHaveLength(8);
  expect(under(targets, 24).map((t) => `${t.name} ${t.width}×${t.height}`)).toEqual([]);
});

test('on a phone the weighted distribution’s headers and amounts stand apart, and the ledger’s Reverse is big enough to tap', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'planner@example.org');
  await openPpa(page, "Women's Welfare Program");
  const { tree } = workspace(page);
  await rowAction(page, tree, "Women's Welfare Program", 'Distribute budget');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('By weight').check();
  const table = dialog.getByRole('table');
  await expect(table.getByRole('row').nth(1).getByRole('cell').last()).toHaveText(/%$/);
  expect(collisions(await boxes(table.getByRole('columnheader'), true), 8)).toEqual([]);
  for (const row of await table.getByRole('row').all()) {
    expect(collisions(await boxes(row.getByRole('cell'), true), 8)).toEqual([]);
  }
  // The table fits the dialog: nothing hidden behind a sideways scroll.
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
  await expect(table.getByRole('row', { name: /Implementation/ })).toContainText(/now ₱[\d,]+\.\d{2}/);
  await dialog.screenshot({ path: 'test-results/screenshots/distribute-phone.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await openPpa(page, 'Livelihood Training for OBC Women');
  await rowAction(page, workspace(page).tree, 'Venue Booking', 'Spending');
  const reverse = page.getByRole('dialog').getByRole('button', { name: /^Reverse / });
  await expect(reverse.first()).toBeVisible();
  expect(under(await boxes(reverse), 44)).toEqual([]);
});
