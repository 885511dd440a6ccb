import { expect, test, type Locator, type Page } from '@playwright/test';
import { openPpa, signIn } from '../helpers';
import { childTitles, createPpa, rowAction, treeRow, workspace } from './tree';

async function trackedPpa(page: Page, title: string) {
  await createPpa(page, title);
  const { tracking, tree } = workspace(page);
  await tracking.getByRole('button', { name: 'Enable Execution Tracking (default plan)' }).click();
  await expect(treeRow(tree, 'Execution')).toBeVisible();
  return { tracking, tree };
}

async function addUnder(page: Page, tree: Locator, parent: string, title: string) {
  await rowAction(page, tree, parent, 'Add item under');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Type').selectOption('task');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(treeRow(tree, title)).toBeVisible();
}

test('weights are typed in the Distribute dialog with the shares previewed, and a distribution is undone', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const { tree } = await trackedPpa(page, `Coastal Clean-up Drive ${Date.now()}`);
  await addUnder(page, tree, 'Execution', 'North coast');
  await addUnder(page, tree, 'Execution', 'South coast');
  await addUnder(page, tree, 'Preparation', 'Permits');

  // By weight, with the weights typed here: 3 : 1 of Execution's ₱750,000.00.
  await rowAction(page, tree, 'Execution', 'Distribute budget');
  const dialog = page.getByRole('dialog', { name: /Distribute Execution/ });
  await dialog.getByLabel('By weight').check();
  await expect(dialog.getByLabel('Weight of North coast')).toHaveValue('1');
  await expect(dialog.getByRole('cell', { name: '₱375,000.00' })).toHaveCount(2);
  await dialog.getByLabel('Weight of North coast').fill('3');
  const north = dialog.getByRole('row', { name: /North coast/ });
  const south = dialog.getByRole('row', { name: /South coast/ });
  await expect(north.getByRole('cell', { name: '₱562,500.00' })).toBeVisible();
  await expect(north.getByRole('cell', { name: '75%' })).toBeVisible();
  await expect(south.getByRole('cell', { name: '₱187,500.00' })).toBeVisible();
  await expect(south.getByRole('cell', { name: '25%' })).toBeVisible();
  // A weight that is not a number is named before anything is sent; all zero is the server's refusal.
  await dialog.getByLabel('Weight of South coast').fill('-1');
  await expect(dialog.getByRole('alert')).toHaveText('South coast: Enter the weight as a number of at most 4 decimals, like 1 or 2.5.');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await dialog.getByLabel('Weight of North coast').fill('0');
  await dialog.getByLabel('Weight of South coast').fill('0');
  await expect(dialog.getByRole('alert')).toHaveText('At least one weight must be greater than zero.');
  await dialog.getByLabel('Weight of North coast').fill('3');
  await dialog.getByLabel('Weight of South coast').fill('1');
  await expect(south.getByRole('cell', { name: '₱187,500.00' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(treeRow(tree, 'North coast').getByTestId('row-allocated')).toContainText('₱562,500.00');
  await expect(treeRow(tree, 'South coast').getByTestId('row-allocated')).toContainText('₱187,500.00');

  // The weights were kept: the next distribution by weight starts from them.
  await rowAction(page, tree, 'Execution', 'Distribute budget');
  await dialog.getByLabel('By weight').check();
  await expect(dialog.getByLabel('Weight of North coast')).toHaveValue('3');
  await expect(dialog.getByLabel('Weight of South coast')).toHaveValue('1');
  // Undo puts back what the children had before.
  await dialog.getByRole('button', { name: 'Undo last distribution' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(treeRow(tree, 'North coast').getByTestId('row-allocated')).toContainText('₱0.00');
  await expect(treeRow(tree, 'South coast').getByTestId('row-allocated')).toContainText('₱0.00');

  // An undo refused in one parent's dialog does not follow into another's.
  await rowAction(page, tree, 'Preparation', 'Distribute budget');
  const preparation = page.getByRole('dialog', { name: /Distribute Preparation/ });
  await preparation.getByRole('button', { name: 'Undo last distribution' }).click();
  await expect(preparation.getByRole('alert')).toHaveText('There is no distribution on "Preparation" to undo.');
  await preparation.getByRole('button', { name: 'Cancel' }).click();
  await rowAction(page, tree, 'Execution', 'Distribute budget');
  await expect(dialog.getByRole('cell', { name: '₱375,000.00' })).toHaveCount(2);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog).not.toContainText('There is no distribution');
});

test('the Add dialog reads amounts as pesos and the Edit dialog starts from the item’s dates, weight and notes', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  const { tree } = await trackedPpa(page, `Madrasah Library Books ${Date.now()}`);
  await rowAction(page, tree, 'Execution', 'Add item under');
  await expect(page.getByLabel("Allocated (₱), from Execution's unallocated ₱750,000.00")).toBeVisible();
  await page.getByLabel('Title').fill('Book purchase');
  await page.getByLabel('Type').selectOption('task');
  await page.getByLabel(/unallocated/).fill('99999.50');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(treeRow(tree, 'Book purchase')).toBeVisible();
  await rowAction(page, tree, 'Execution', 'Add item under');
  await expect(page.getByLabel("Allocated (₱), from Execution's unallocated ₱650,000.50")).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await rowAction(page, tree, 'Book purchase', 'Edit');
  const edit = page.getByRole('dialog', { name: 'Edit Book purchase' });
  await expect(edit.getByPlaceholder('Unchanged')).toHaveCount(0);
  await expect(edit.getByLabel('Weight (weighted split)')).toHaveValue('1');
  await edit.getByLabel('Priority').selectOption('high');
  await edit.getByLabel('Start date').fill('2026-03-02');
  await edit.getByLabel('Due date').fill('2026-04-30');
  await edit.getByLabel('Weight (weighted split)').fill('2.5');
  await edit.getByLabel('Budget notes').fill('Arabic and Filipino titles');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);

  await rowAction(page, tree, 'Book purchase', 'Edit');
  await expect(edit.getByLabel('Priority')).toHaveValue('high');
  await expect(edit.getByLabel('Start date')).toHaveValue('2026-03-02');
  await expect(edit.getByLabel('Due date')).toHaveValue('2026-04-30');
  await expect(edit.getByLabel('Weight (weighted split)')).toHaveValue('2.5');
  await expect(edit.getByLabel('Budget notes')).toHaveValue('Arabic and Filipino titles');
  await expect(edit.getByLabel('Allocated (₱)')).toHaveValue('99999.50');
});

test('a locked budget is read-only in the UI: no allocation field, no distribution preview, and who locked it', async ({ page }) => {
  const previews: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('previewDistribution')) previews.push(request.url());
  });
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  const { tracking, tree } = workspace(page);
  const lock = tracking.getByTestId('budget-lock').first();
  await expect(lock).toContainText('Budget locked');
  await expect(lock).toContainText(/Locked on [A-Z][a-z]{2} \d{1,2}, \d{4} at \d{2}:\d{2} by \S+/);
  await expect(tracking.getByRole('button', { name: /Lock budget|Unlock budget/ })).toHaveCount(0);

  await rowAction(page, tree, 'Preparation', 'Distribute budget');
  const dialog = page.getByRole('dialog', { name: /Distribute Preparation/ });
  await expect(dialog.getByRole('note')).toContainText('The budget is locked: allocations cannot be distributed.');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await expect(dialog.getByRole('table')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await rowAction(page, tree, 'Venue Booking', 'Edit');
  const edit = page.getByRole('dialog', { name: 'Edit Venue Booking' });
  await expect(edit.getByLabel('Allocated (₱)')).toHaveCount(0);
  await expect(edit.getByTestId('allocation-locked')).toContainText('₱300,000.00');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  expect(previews).toEqual([]);

  await page.getByRole('link', { name: 'Edit PPA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit Livelihood Training/ })).toBeVisible();
  await expect(page.getByLabel('Budget allocation (₱)')).toHaveCount(0);
  await expect(page.getByLabel('Budget ceiling (₱)')).toHaveCount(0);
  await expect(page.getByTestId('budget-locked')).toContainText('₱5,000,000.00');
  await expect(page.getByTestId('budget-locked')).toContainText('The budget is locked');
});

test('an admin locks and unlocks a budget with a required reason, and everyone sees who and why', async ({ browser }) => {
  test.setTimeout(120_000); // two people, each signing in
  const plannerPage = await (await browser.newContext()).newPage();
  await signIn(plannerPage, 'planner@example.org');
  const title = `Halal Certification Clinic ${Date.now()}`;
  await trackedPpa(plannerPage, title);
  const ppaUrl = plannerPage.url();
  await expect(workspace(plannerPage).tracking.getByRole('button', { name: 'Lock budget…' })).toHaveCount(0);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'admin@example.org');
  await page.goto(ppaUrl);
  const { tracking } = workspace(page);
  await tracking.getByRole('button', { name: 'Lock budget…' }).click();
  const dialog = page.getByRole('dialog', { name: `Lock the budget of ${title}?` });
  await dialog.getByRole('button', { name: 'Lock budget' }).click();
  await expect(dialog.getByText('Give a reason of at least 5 characters; it goes into the audit log.')).toBeVisible();
  await dialog.getByLabel(/^Reason/).fill('Frozen for the mid-year realignment');
  await dialog.getByRole('button', { name: 'Lock budget' }).click();
  await expect(dialog).toHaveCount(0);
  const lock = tracking.getByTestId('budget-lock').first();
  await expect(lock).toContainText('by Amina Admin: Frozen for the mid-year realignment.');
  await expect(page.getByText(/^Budget locked /)).toBeVisible();

  await plannerPage.reload();
  await expect(workspace(plannerPage).tracking.getByTestId('budget-lock').first()).toContainText('by Amina Admin: Frozen for the mid-year realignment.');

  await tracking.getByRole('button', { name: 'Unlock budget…' }).click();
  const unlock = page.getByRole('dialog', { name: `Unlock the budget of ${title}?` });
  await unlock.getByLabel(/^Reason/).fill('Realignment approved by MFBM');
  await unlock.getByRole('button', { name: 'Unlock budget' }).click();
  await expect(unlock).toHaveCount(0);
  await expect(tracking.getByTestId('budget-lock').first()).toContainText('The budget is open');
  await expect(tracking.getByRole('button', { name: 'Lock budget…' })).toBeVisible();
});

test('charts: underspending is calm, overspending red, negative amounts read "−₱", and empty charts say why', async ({ page }) => {
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  const variance = page.getByTestId('chart-variance');
  await expect(variance.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  const fills = await variance.locator('.recharts-bar-rectangle path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
  // Each activity's bar: alarm red only when the tree says it is over budget, a calm blue otherwise.
  const { tree } = workspace(page);
  const expected: string[] = [];
  for (const activity of await childTitles(tree, 'Livelihood Training for OBC Women')) {
    const over = await treeRow(tree, activity)
      .getByText(/^Over Budget/)
      .count();
    expected.push(over ? '#be123c' : '#0369a1');
  }
  expect(fills).toEqual(expected);
  expect(fills).toContain('#0369a1');
  const ticks = await variance.locator('svg text').allTextContents();
  expect(ticks.some((t) => t.startsWith('−₱'))).toBe(true);
  expect(ticks.filter((t) => t.includes('₱-'))).toEqual([]);

  // A fresh plan: nothing spent, no history yet, then one day of history.
  const { tracking } = await trackedPpa(page, `Barangay Health Station ${Date.now()}`);
  await expect(page.getByTestId('chart-variance')).toHaveText('No spending recorded yet: the variance shows once spending is recorded.');
  await expect(page.getByTestId('chart-variance').locator('path[fill="#be123c"]')).toHaveCount(0);
  await expect(page.getByTestId('chart-progress')).toHaveText(/No progress recorded yet/);
  await tracking.getByRole('button', { name: 'Sync from work items' }).click();
  await expect(page.getByTestId('chart-progress')).toHaveText(
    /^0% on [A-Z][a-z]{2} \d{1,2}, \d{4}, the first day recorded: the line starts with the second day\.$/,
  );
});

test('on a 375 px phone the activity names on the charts do not run into each other, and the legend lists the bars in order', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'planner@example.org');
  await openPpa(page, 'Livelihood Training for OBC Women');
  for (const chart of ['chart-allocated-actual', 'chart-variance']) {
    const labels = page.getByTestId(chart).locator('text.recharts-cartesian-axis-tick-value[orientation="bottom"]');
    await expect.poll(() => labels.count()).toBe(3);
    const boxes = await labels.evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right })));
    boxes.sort((a, b) => a.left - b.left);
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]!.left, `${chart}: label ${i + 1} starts before label ${i} ends`).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
    // Wrapped, not cut: every word of "Completion & Reporting" is still there.
    expect((await labels.allTextContents()).join(' ')).toContain('Reporting');
  }
  const legend = page.getByTestId('chart-allocated-actual').locator('.recharts-legend-item-text');
  await expect(legend).toHaveText(['Allocated', 'Actual']);
  await page.getByTestId('chart-allocated-actual').screenshot({ path: 'test-results/screenshots/activity-chart-phone.png' });
});

test('an unknown address and another MOA’s PPA answer 404 under the app’s header, with a way back; the favicon is served', async ({
  page,
  browser,
  request,
}) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/');
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  expect((await request.get('/icon.svg')).status()).toBe(200);

  const unknown = await page.goto('/no-such-page');
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  // An MSSD PPA's address, opened by a MAFAR planner.
  const mssd = await (await browser.newContext()).newPage();
  await signIn(mssd, 'planner@example.org');
  const href = await mssd.getByRole('link', { name: 'Livelihood Training for OBC Women' }).first().getAttribute('href');
  await signIn(page, 'planner.mafar@example.org');
  const another = await page.goto(href!);
  expect(another?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'PPA not found' })).toBeVisible();
  await expect(page.getByText('Livelihood Training for OBC Women')).toHaveCount(0);
  // Signed in, every 404 keeps the header and its navigation.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect((await page.goto(`${href}/edit`))?.status()).toBe(404);
  expect((await page.goto('/ppas/not-a-ppa-id'))?.status()).toBe(404);
  const signedInUnknown = await page.goto('/no-such-page');
  expect(signedInUnknown?.status()).toBe(404);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Datu Rashid Planner (MAFAR)');
  await page.getByRole('link', { name: 'See the PPAs' }).click();
  await expect(page).toHaveURL(/\/ppas$/);
});

/** Width and height of every visible element of `locator`, named for the failure message. */
async function targetSizes(locator: Locator) {
  return locator.evaluateAll((elements) =>
    elements
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const box = e.getBoundingClientRect();
        return {
          name: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40),
          width: Math.round(box.width),
          height: Math.round(box.height),
        };
      }),
  );
}

test('on a 375 px phone every header and main-action target is at least 44×44 px, and the navigation shows where you are', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'planner@example.org');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'PPAs', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(header.locator('[aria-current="page"]')).toHaveCount(1);
  // One "New PPA", and the MOA said once ("Norhaya Planner (MSSD) · Planner", not "… · MSSD" again).
  await expect(page.getByRole('link', { name: 'New PPA' })).toHaveCount(1);
  await expect(header.getByText('Norhaya Planner (MSSD) · Planner', { exact: true })).toBeVisible();

  const small = (sizes: { name: string; width: number; height: number }[], min: number) => sizes.filter((s) => s.width < min || s.height < min);
  const headerTargets = await targetSizes(header.locator('a, button'));
  expect(headerTargets.length).toBeGreaterThanOrEqual(6);
  expect(small(headerTargets, 24)).toEqual([]);
  expect(
    small(
      headerTargets.filter((t) => t.name !== ''),
      44,
    ),
  ).toEqual([]);
  expect(small(await targetSizes(page.getByRole('link', { name: 'New PPA' })), 44)).toEqual([]);

  await page.getByRole('link', { name: 'Livelihood Training for OBC Women' }).first().click();
  await expect(page.getByRole('heading', { name: 'Hierarchical Breakdown' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'PPAs', exact: true })).toHaveAttribute('aria-current', 'page');
  const { tracking, tree } = workspace(page);
  const mainActions = [
    ...(await targetSizes(page.getByRole('link', { name: 'Edit PPA' }))),
    // Links inside a sentence are exempt (WCAG 2.5.8 "inline"); the toolbar, menus and buttons are not.
    ...(await targetSizes(tracking.locator(':is(a, button, summary):not(p a)'))),
    ...(await targetSizes(tree.getByRole('button'))),
    ...(await targetSizes(page.getByRole('region', { name: 'Approvals' }).getByRole('button'))),
  ];
  expect(mainActions.length).toBeGreaterThan(10);
  expect(small(mainActions, 44)).toEqual([]);
  await rowAction(page, tree, 'Preparation', 'Spending');
  const dialog = page.getByRole('dialog');
  expect(small(await targetSizes(dialog.getByRole('button')), 24)).toEqual([]);
  expect(small(await targetSizes(dialog.getByRole('button', { name: 'Close dialog' })), 44)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/ppa-phone-targets.png', fullPage: true });
});
