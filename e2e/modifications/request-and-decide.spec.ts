import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../helpers';

const LIVELIHOOD = 'Livelihood Training for OBC Women';

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a planner requests a modification on a phone, MSSD’s head approves it at a desk, and the adjusted figures show on the PPA page and in the MFBM workbook', async ({
  page,
  browser,
}) => {
  // The planner, on a 375 px phone.
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'planner@example.org');
  await page.getByRole('link', { name: LIVELIHOOD }).first().click();
  await page.getByRole('link', { name: 'Request a modification' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a modification' })).toBeVisible();
  await page.getByLabel('Line 1: from').selectOption({ label: '— M&E Report (₱500,000.00)' });
  await page.getByLabel('Line 1: to').selectOption({ label: '— Training Sessions (₱3,750,000.00)' });
  await page.getByLabel('Line 1: amount (₱)').fill('100000');
  const check = page.getByRole('region', { name: 'Check before submitting' });
  await expect(check).toContainText('Within one appropriation class: decided by the head of MSSD.');
  await expect(check).toContainText('The PPA’s total stays the same and every balance holds.');
  await expect(check.getByRole('list', { name: 'Effect on the items' })).toContainText('M&E Report: ₱500,000.00 → ₱400,000.00');
  // Too much: the live check says so before anything is sent.
  await page.getByLabel('Line 1: amount (₱)').fill('600000');
  await expect(check.getByRole('list', { name: 'Problems' })).toContainText('“M&E Report” can give at most ₱500,000.00');
  await page.getByLabel('Line 1: amount (₱)').fill('100000');
  await expect(check).toContainText('every balance holds');
  await page.getByLabel('Justification').fill('The M&E report is done by the regional office at no cost; a third training batch in Maguindanao del Sur.');
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Submit for decision' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Move ₱100,000.00 within ${LIVELIHOOD}` })).toBeVisible();
  await expect(page.getByText('Waiting for a decision')).toBeVisible();
  await expect(page.getByText('Now waits on the head of the MOA.')).toBeVisible();
  const requestUrl = page.url();

  // MSSD's head, at a desk, finds it in the queue and approves it.
  const desk = await browser.newContext({ baseURL: new URL(requestUrl).origin, viewport: { width: 1280, height: 900 } });
  const head = await desk.newPage();
  await signIn(head, 'head.mssd@example.org');
  await head.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Modifications' }).click();
  await head.getByRole('link', { name: 'Waiting on me' }).click();
  await head
    .getByRole('list', { name: 'Modification requests' })
    .getByRole('link', { name: `${LIVELIHOOD} (MSSD)` })
    .click();
  await expect(head.getByRole('table')).toContainText('Training Sessions');
  expect(await axeViolations(head)).toEqual([]);
  await head.getByRole('button', { name: 'Approve' }).click();
  await head.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(head.getByText('Approved', { exact: true }).first()).toBeVisible();

  // The PPA page: approved → adjusted, for the PPA and each item the transfer went through.
  await head.getByRole('link', { name: LIVELIHOOD }).click();
  const figures = head.getByRole('table', { name: 'Original and adjusted allocations' });
  await expect(figures.getByRole('row', { name: /Whole PPA/ })).toContainText('₱5,000,000.00—₱5,000,000.00');
  await expect(figures.getByRole('row', { name: /Training Sessions/ })).toContainText('₱3,750,000.00+₱100,000.00₱3,850,000.00');
  await expect(figures.getByRole('row', { name: /M&E Report/ })).toContainText('₱500,000.00−₱100,000.00₱400,000.00');
  await expect(head.getByRole('list', { name: 'Modification log' })).toContainText('Approved');

  // The MFBM workbook: the transfer in its own columns, the adjusted allotment unchanged for the PPA.
  await head.goto('/reports?fiscalYear=2026&moa=MSSD');
  const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('link', { name: /Download MFBM Budget Execution Report/ }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = workbook.getWorksheet('Budget Execution Report')!;
  const headers = (sheet.getRow(7).values as unknown[]).slice(1);
  expect(headers.slice(4, 9)).toEqual(['Allocated (₱)', 'Adjustments (₱)', 'Transfer To (₱)', 'Transfer From (₱)', 'Adjusted Allotment (₱)']);
  let row = 8;
  while (sheet.getRow(row).getCell(2).value !== LIVELIHOOD) row++;
  expect([5, 6, 7, 8, 9].map((c) => sheet.getRow(row).getCell(c).value)).toEqual([5000000, 0, 100000, 100000, 5000000]);
  await desk.close();
});
