import { expect, test } from '@playwright/test';
import { signIn } from '../helpers';

/**
 * The planner's bell counts up, live, when a reviewer rejects their PPA in another browser; the rejection's
 * comment is at the top of the PPA's page, with the way back to draft.
 */
test('a reviewer’s rejection rings the planner’s bell in another browser, and the PPA page leads with it', async ({ browser }) => {
  const plannerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const reviewerContext = await browser.newContext();
  const planner = await plannerContext.newPage();
  const reviewer = await reviewerContext.newPage();
  try {
    // The planner drafts a PPA and submits it for technical review.
    await signIn(planner, 'planner@example.org');
    await planner.goto('/ppas/new');
    const title = `Seaweed Dryers for Tawi-Tawi ${Date.now()}`;
    await planner.getByLabel('Title').fill(title);
    await planner.getByLabel('Category').selectOption('project');
    await planner.getByLabel('Sector').selectOption('economic');
    await planner.getByLabel('Appropriation class').selectOption('MOOE');
    await planner.getByLabel('Funding source', { exact: true }).selectOption('GAAB');
    await planner.getByLabel('Budget ceiling (₱)').fill('2500000');
    await planner.getByLabel('Budget allocation (₱)').fill('2500000');
    await planner.getByRole('button', { name: 'Create PPA' }).click();
    await expect(planner.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const approvals = planner.getByRole('region', { name: 'Approvals' });
    await approvals.getByRole('button', { name: 'Move to Technical review' }).click();
    await expect(approvals.getByText('Submit: Draft → Technical review')).toBeVisible();
    const ppaUrl = planner.url();

    // The bell, on a phone: named with its count, and big enough to tap.
    const bell = planner.getByRole('link', { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible();
    const before = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label'))!)![1]);
    const box = (await bell.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);

    // In another browser, the reviewer rejects it with a comment.
    await signIn(reviewer, 'reviewer@example.org');
    await reviewer.goto(ppaUrl);
    await expect(reviewer.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const comment = 'The dryer specifications are missing; attach the canvass of three suppliers.';
    await reviewer.getByLabel('Comment (required to reject)').fill(comment);
    await reviewer.getByRole('region', { name: 'Approvals' }).getByRole('button', { name: 'Reject' }).click();
    await reviewer.getByRole('dialog', { name: 'Reject this PPA?' }).getByRole('button', { name: 'Reject PPA' }).click();
    await expect(reviewer.getByRole('region', { name: 'Approvals' }).getByText('Reject: Technical review → Rejected')).toBeVisible();

    // The planner did nothing: the bell counts up by itself, over the live stream (sooner than the 30 s fallback poll).
    await expect(planner.getByRole('link', { name: `Notifications, ${before + 1} unread` })).toBeVisible({ timeout: 10_000 });

    // The bell leads to the notification, and the notification to the PPA, whose page opens with the rejection.
    await planner.getByRole('link', { name: `Notifications, ${before + 1} unread` }).click();
    await expect(planner.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await planner.getByRole('button', { name: 'Unread', exact: true }).click();
    const notice = planner.getByRole('list', { name: 'Notifications' }).getByRole('link', { name: `Rejected in technical review: ${title}` });
    await expect(notice).toBeVisible();
    await notice.click();
    await expect(planner.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const banner = planner.getByRole('region', { name: 'Rejected in technical review' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(`“${comment}”`);
    await expect(banner).toContainText('Farida Reviewer (MFBM)');
    // It is the first thing on the page, above the summary.
    const bannerTop = (await banner.boundingBox())!.y;
    expect(bannerTop).toBeLessThan((await planner.getByRole('heading', { level: 1, name: title }).boundingBox())!.y);
    await expect(planner.getByRole('link', { name: `Notifications, ${before} unread` })).toBeVisible();

    // The way back: reopen as a draft.
    await banner.getByRole('button', { name: 'Reopen as draft' }).click();
    await expect(planner.getByRole('region', { name: 'Approvals' }).getByText('Reopen: Rejected → Draft')).toBeVisible();
    await expect(banner).toHaveCount(0);
  } finally {
    await plannerContext.close();
    await reviewerContext.close();
  }
});
