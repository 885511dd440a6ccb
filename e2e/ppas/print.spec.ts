import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { signIn } from '../helpers';

/** Each page of a PDF: its text, and how far down its lowest line sits (0 top, 1 bottom), the page number left out. */
async function pdfPages(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: { text: string; lowest: number }[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const height = page.getViewport({ scale: 1 }).height;
    const items = (await page.getTextContent()).items.flatMap((item) =>
      'str' in item && item.str.trim() ? [{ text: item.str, y: item.transform[5] as number }] : [],
    );
    const body = items.filter((item) => !/^Page \d+ of \d+$/.test(item.text));
    pages.push({ text: items.map((item) => item.text).join(' '), lowest: body.length ? 1 - Math.min(...body.map((item) => item.y)) / height : 0 });
  }
  return pages;
}

/** A4 at 96 dpi less the print stylesheet's margins (10 mm each side): the width the page is laid out in. */
const A4_CONTENT_WIDTH = Math.floor(((210 - 20) / 25.4) * 96);

test('a PPA page prints on A4: no navigation or buttons, title and tree shown, rows whole, charts within the page', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: 'Livelihood Training for OBC Women' }).first().click();
  const tree = page.getByRole('treegrid', { name: 'Hierarchical breakdown' });
  await expect(tree.getByText('Venue Booking', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'History', exact: true })).toBeVisible();
  await expect(page.getByRole('button').first()).toBeVisible();
  await expect(page.getByLabel('Show resolved alerts too')).toBeVisible();
  await expect(page.getByTestId('print-stamp')).toBeHidden();

  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: A4_CONTENT_WIDTH, height: 1100 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.locator('button:visible')).toHaveCount(0);
  await expect(page.locator('a[download]:visible')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit PPA' })).toBeHidden();
  // A screen's control, not a report's content.
  await expect(page.getByLabel('Show resolved alerts too')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await expect(tree).toBeVisible();
  await expect(tree.getByText('Training Sessions', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
  // No row, entry or chart is cut between pages, and nothing is wider than the page (the charts scale down).
  const rowBreak = await tree
    .getByTestId('tree-row')
    .first()
    .evaluate((row) => getComputedStyle(row).breakInside);
  expect(rowBreak).toBe('avoid');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The three charts (allocated vs actual, variance, progress) are drawn, each within the page's width.
  const charts = page.locator('figure .recharts-wrapper > .recharts-surface');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) {
    await expect(chart).toBeVisible();
    expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(A4_CONTENT_WIDTH);
  }

  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/ppa-print.pdf', pdf);
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  // The seeded PPA (summary, a 9-row tree, charts, alerts, approvals, the first history page) fits a few pages.
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(8);
  // Every page is A4 portrait: 595 × 842 points.
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  expect(boxes.length).toBeGreaterThanOrEqual(pages.length);
  for (const box of boxes) expect(box).toEqual([595, 842]);

  const printed = await pdfPages(pdf);
  expect(printed.length).toBe(pages.length);
  // Each page says which of how many it is; the first says when it was printed.
  printed.forEach((p, i) => expect(p.text).toContain(`Page ${i + 1} of ${printed.length}`));
  expect(printed[0]!.text).toMatch(/Printed [A-Z][a-z]{2} \d{1,2}, \d{4}\b.*\(Manila time\)/);
  // The breakdown's rows follow its heading on the same page (not pushed whole onto the next, leaving a gap).
  const breakdown = printed.findIndex((p) => p.text.includes('Hierarchical Breakdown'));
  expect(printed[breakdown]!.text).toContain('Preparation');
  // No page but the last ends half empty.
  const halfEmpty = printed.slice(0, -1).flatMap((p, i) => (p.lowest < 0.5 ? [`page ${i + 1} ends ${Math.round(p.lowest * 100)}% down`] : []));
  expect(halfEmpty).toEqual([]);
});
