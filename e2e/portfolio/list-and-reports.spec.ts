import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

const amount = (text: string) => Number(text.replace(/[₱,]/g, ''));

test('the PPA list sorts by a column header (mouse or keyboard), counts, totals and exports exactly the list', async ({ page }) => {
  await signIn(page, 'reviewer@example.org');
  const table = page.getByRole('table', { name: 'PPAs' });
  const count = Number((await page.getByTestId('result-count').innerText()).match(/^[\d,]+/)![0].replace(',', ''));
  expect(count).toBeGreaterThan(20);
  await expect(page.getByTestId('totals-row')).toContainText(`Total · ${count} PPAs`);

  const allocationHeader = table.getByRole('columnheader', { name: /Allocation/ });
  await allocationHeader.getByRole('link').click();
  await expect(allocationHeader).toHaveAttribute('aria-sort', 'descending');
  const firstRows = table.locator('tbody tr');
  // An unbudgeted PPA (—) sorts below every amount.
  const amounts = (await firstRows.locator('td:nth-child(2)').allInnerTexts()).filter((t) => t !== '—');
  expect(amounts.map(amount)).toEqual([...amounts.map(amount)].sort((a, b) => b - a));

  // The keyboard: the header is a link, Enter flips the order.
  await table
    .getByRole('columnheader', { name: /Allocation/ })
    .getByRole('link')
    .focus();
  await page.keyboard.press('Enter');
  await expect(table.getByRole('columnheader', { name: /Allocation/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/sort=allocation&order=asc/);

  await table
    .getByRole('columnheader', { name: /Days in stage/ })
    .getByRole('link')
    .click();
  await expect(table.getByRole('columnheader', { name: /Days in stage/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: /Allocation/ })).not.toHaveAttribute('aria-sort');

  // Narrow it, then export: the file holds exactly the filtered list in its order, every page.
  await page.getByLabel('Fiscal year').selectOption('2026');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/sort=daysInStage/);
  const listed = Number((await page.getByTestId('result-count').innerText()).match(/^[\d,]+/)![0]);
  const titles = await table.locator('tbody th').locator('a').allInnerTexts();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const lines = (await readFile((await csv.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(lines).toHaveLength(listed + 1);
  expect(lines.slice(1, titles.length + 1).map((l) => l.replace(/^"([^"]*)".*$/, '$1').split(',')[0])).toEqual(titles);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export XLSX' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsx.path())!);
  const sheet = workbook.getWorksheet('PPAs')!;
  expect(sheet.rowCount).toBe(listed + 2);
  expect(sheet.getRow(listed + 2).getCell(1).value).toBe(`TOTAL (${listed} PPAs)`);
});

test('the PPA list on a 375 px phone: cards in place of the table, and the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, 'planner@example.org');
  await expect(page.getByRole('list', { name: 'PPAs' }).getByRole('link', { name: 'Livelihood Training for OBC Women' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/ppa-table-phone.png', fullPage: true });
});

test('the reports page downloads the MFBM and COA workbooks for a year and a MOA', async ({ page }) => {
  await signIn(page, 'reviewer@example.org');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByLabel('Fiscal year').selectOption('2026');
  await page.getByLabel('MOA').selectOption('MSSD');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('report-scope')).toContainText('FY 2026 · MSSD');

  const [mfbm] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download MFBM Budget Execution Report/ }).click()]);
  expect(mfbm.suggestedFilename()).toBe('mfbm-budget-execution-FY2026-MSSD.xlsx');
  const execution = new ExcelJS.Workbook();
  await execution.xlsx.readFile((await mfbm.path())!);
  const sheet = execution.getWorksheet('Budget Execution Report')!;
  expect(sheet.getRow(3).getCell(1).value).toBe('BUDGET EXECUTION REPORT - FY 2026');
  expect(sheet.getRow(7).getCell(1).value).toBe('PPA Code');
  const moas = new Set<unknown>();
  for (let r = 8; sheet.getRow(r).getCell(1).value !== 'TOTAL'; r++) moas.add(sheet.getRow(r).getCell(3).value);
  expect([...moas]).toEqual(['MSSD']);
  // MSSD's PPAs still in draft or review are not in the TOTAL: they are listed on a sheet apart.
  expect(execution.worksheets.map((s) => s.name)).toEqual(['Budget Execution Report', 'Before Budget Approval']);

  const [coa] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download COA Variance Report/ }).click()]);
  const variance = new ExcelJS.Workbook();
  await variance.xlsx.readFile((await coa.path())!);
  expect(variance.worksheets.map((s) => s.name)).toEqual(['Budget Variance', 'Before Budget Approval', 'Activity Breakdown', 'Audit Trail']);
});
