import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { addLedgerEntry, allPpaIds, ownFigures, restAs, restJson, type Rest } from '@/test/portfolio';
import { newSpendablePpa, newTrackedPpa, nodeNamed } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { parsePesos, toPesoString } from '../../domain/money';
import { manilaDaysBetween } from '../../domain/portfolio';
import { manilaDay } from '../../domain/schedule';
import type { PortfolioFigures, PortfolioResponse } from '../../contracts/portfolio';
import { figuresOf, getPortfolio } from './portfolio';

/**
 * The portfolio equals the sum of the PPAs' own figures (GET /ppas/{id} and its budget-allocation-tree), to
 * the centavo, for every role and filter, on the demo data plus obligations, disbursements and a reversal.
 */

let handle: TestDatabase;
const rest = {} as Record<'admin' | 'planner' | 'mafar' | 'viewer' | 'reviewer', Rest>;
const TODAY = manilaDay(new Date());
const TRAINING = stableId('ppa:mssd-livelihood:item:Execution:Training Sessions');
const INVITATIONS = stableId('ppa:mssd-livelihood:item:Preparation:Invitations');
let overrunPpa: string;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
  // Obligations on Livelihood, one reversed; a disbursement through the recording service.
  const ledger = { recordedById: plannerViewer.userId, spentOn: '2026-03-01' };
  await addLedgerEntry(handle.db, { ...ledger, workItemId: TRAINING, kind: 'obligation', amount: '2000000.00' });
  const mistaken = await addLedgerEntry(handle.db, { ...ledger, workItemId: INVITATIONS, kind: 'obligation', amount: '450000.00' });
  await addLedgerEntry(handle.db, { ...ledger, workItemId: INVITATIONS, kind: 'obligation', amount: '-450000.00', reverses: mistaken });
  await addLedgerEntry(handle.db, { ...ledger, workItemId: INVITATIONS, kind: 'obligation', amount: '400000.00' });
  const planner = await callerFor(handle.db, 'planner@example.org');
  await planner.workItem.recordExpenditure({ id: TRAINING, amount: '100000.55', date: TODAY, description: 'Second batch: meals' });

  // A MAFAR PPA that has disbursed more than its allocation: the top overrun.
  const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
  const { ppaId, tree } = await newSpendablePpa(handle.db, mafar, { allocation: '1000000.00', title: 'Fish Landing Repairs' });
  overrunPpa = ppaId;
  const mafarViewer = await demoViewer(handle.db, 'planner.mafar@example.org');
  await addLedgerEntry(handle.db, {
    workItemId: nodeNamed(tree, 'Execution').id,
    kind: 'obligation',
    amount: '1250000.00',
    recordedById: mafarViewer.userId,
    spentOn: TODAY,
  });
  await mafar.workItem.recordExpenditure({ id: nodeNamed(tree, 'Execution').id, amount: '1234567.89', date: TODAY, description: 'Contractor, final billing' });

  rest.admin = await restAs(handle.db, 'admin@example.org');
  rest.planner = await restAs(handle.db, 'planner@example.org');
  rest.mafar = await restAs(handle.db, 'planner.mafar@example.org');
  rest.viewer = await restAs(handle.db, 'viewer@example.org');
  rest.reviewer = await restAs(handle.db, 'reviewer@example.org');
});
afterAll(() => handle?.close());

const sum = (values: string[]) => toPesoString(values.reduce((s, v) => s + parsePesos(v), 0n));

/** The figures a group of PPAs must show: the sums of their own figures, and the rates of those sums. */
function expectedFigures(own: Awaited<ReturnType<typeof ownFigures>>[]): PortfolioFigures {
  const money = {
    ceiling: parsePesos(sum(own.map((o) => o.ceiling))),
    allocation: parsePesos(sum(own.map((o) => o.allocation))),
    obligations: parsePesos(sum(own.map((o) => o.obligations))),
    disbursements: parsePesos(sum(own.map((o) => o.disbursements))),
  };
  return figuresOf(own.length, money);
}

const figuresOnly = ({
  ppaCount,
  ceiling,
  allocation,
  obligations,
  disbursements,
  variance,
  variancePercent,
  utilisation,
  obligationRate,
  disbursementRate,
  unobligated,
}: PortfolioFigures): PortfolioFigures => ({
  ppaCount,
  ceiling,
  allocation,
  obligations,
  disbursements,
  variance,
  variancePercent,
  utilisation,
  obligationRate,
  disbursementRate,
  unobligated,
});

/** The portfolio from the REST endpoint checked, figure by figure, against the PPAs' own endpoints. */
async function checkAgainstOwnFigures(caller: Rest, query: { fiscalYear: number; moa?: string; sector?: string }) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const portfolio = await restJson<PortfolioResponse>(caller, `/portfolio?${params}`);
  const listQuery = new URLSearchParams({
    fiscalYear: String(query.fiscalYear),
    ...(query.moa ? { moa: query.moa } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
  });
  const own = await Promise.all((await allPpaIds(caller, listQuery.toString())).map((id) => ownFigures(caller, id)));

  expect(figuresOnly(portfolio.totals)).toEqual(expectedFigures(own));
  for (const group of portfolio.byMoa) expect(figuresOnly(group), group.moaCode).toEqual(expectedFigures(own.filter((o) => o.ppa.moa.code === group.moaCode)));
  for (const group of portfolio.bySector) expect(figuresOnly(group), group.sector).toEqual(expectedFigures(own.filter((o) => o.ppa.sector === group.sector)));
  for (const group of portfolio.byStage)
    expect(figuresOnly(group), group.approvalStage).toEqual(expectedFigures(own.filter((o) => o.ppa.approvalStage === group.approvalStage)));
  // Every PPA is in exactly one group of each breakdown.
  for (const groups of [portfolio.byMoa, portfolio.bySector, portfolio.byStage]) {
    expect(groups.reduce((n, g) => n + g.ppaCount, 0)).toBe(own.length);
  }
  return { portfolio, own };
}

describe('the portfolio equals the sum of the PPAs’ own figures, to the centavo', () => {
  it('for an admin, each fiscal year, each MOA and sector filter', async () => {
    const { portfolio, own } = await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2026 });
    expect(own.length).toBeGreaterThan(10);
    expect(portfolio.byMoa.map((g) => g.moaCode)).toEqual(['BICTO', 'MAFAR', 'MBHTE', 'MOH', 'MSSD', 'OOBC']);
    // The seeded Livelihood ledger and the added entries are in: 1,647,500 + 100,000.55 disbursed; 2,842,500 seeded
    // + 2,400,000 obligated net of the reversal.
    const livelihood = own.find((o) => o.ppa.title === 'Livelihood Training for OBC Women')!;
    expect([livelihood.disbursements, livelihood.obligations]).toEqual(['1747500.55', '5242500.00']);
    await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2025 });
    await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2024 });
    await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2026, moa: 'MSSD' });
    await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2026, sector: 'economic' });
    await checkAgainstOwnFigures(rest.admin, { fiscalYear: 2026, moa: 'MAFAR', sector: 'economic' });
    await checkAgainstOwnFigures(rest.reviewer, { fiscalYear: 2026 });
  });

  it('a planner or viewer sees only their MOA; asking for another MOA gives an empty portfolio, not its figures', async () => {
    const { portfolio } = await checkAgainstOwnFigures(rest.planner, { fiscalYear: 2026 });
    expect(portfolio.byMoa.map((g) => g.moaCode)).toEqual(['MSSD']);
    expect(portfolio.topOverruns).toEqual([]);
    expect(portfolio.fiscalYears).toEqual([2026, 2025, 2024]);
    await checkAgainstOwnFigures(rest.viewer, { fiscalYear: 2026 });
    await checkAgainstOwnFigures(rest.mafar, { fiscalYear: 2026 });

    for (const caller of [rest.planner, rest.viewer]) {
      const foreign = await restJson<PortfolioResponse>(caller, '/portfolio?fiscalYear=2026&moa=MAFAR');
      expect(foreign.totals.ppaCount).toBe(0);
      expect(foreign.totals.allocation).toBe('0.00');
      expect([foreign.byMoa, foreign.topOverruns, foreign.longestInReview]).toEqual([[], [], []]);
      expect(foreign.openAlerts.total).toBe(0);
    }
    const mafarSeesOverrun = await restJson<PortfolioResponse>(rest.mafar, '/portfolio?fiscalYear=2026');
    expect(mafarSeesOverrun.topOverruns.map((o) => o.id)).toEqual([overrunPpa]);
    // Its own MOA spelt in lower case is the same filter.
    expect((await restJson<PortfolioResponse>(rest.mafar, '/portfolio?fiscalYear=2026&moa=mafar')).totals).toEqual(mafarSeesOverrun.totals);
  });
});

describe('the dashboard’s lists', () => {
  it('top overruns: PPAs whose disbursements exceed their allocation, largest first', async () => {
    const portfolio = await restJson<PortfolioResponse>(rest.admin, '/portfolio?fiscalYear=2026');
    expect(portfolio.topOverruns).toEqual([
      {
        id: overrunPpa,
        title: 'Fish Landing Repairs',
        moaCode: 'MAFAR',
        allocation: '1000000.00',
        disbursements: '1234567.89',
        variance: '234567.89',
        utilisation: 123.46,
      },
    ]);
  });

  it('longest in review: review stages only, oldest entry first, days counted in Manila days', async () => {
    const viewer = await demoViewer(handle.db, 'admin@example.org');
    const now = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    const portfolio = await getPortfolio({ db: handle.db, viewer, input: { fiscalYear: 2026 }, now });
    expect(portfolio.longestInReview.length).toBeGreaterThan(3);
    expect(
      portfolio.longestInReview.every((p) => ['technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval'].includes(p.approvalStage)),
    ).toBe(true);
    const since = portfolio.longestInReview.map((p) => p.stageEnteredAt);
    expect(since).toEqual([...since].sort());
    for (const p of portfolio.longestInReview) expect(p.daysInStage).toBe(manilaDaysBetween(new Date(p.stageEnteredAt), now));
  });

  it('open alerts by severity, within the viewer’s scope', async () => {
    const admin = await restJson<PortfolioResponse>(rest.admin, '/portfolio?fiscalYear=2026');
    expect(admin.openAlerts.bySeverity.high).toBeGreaterThanOrEqual(1);
    expect(admin.openAlerts.total).toBe(Object.values(admin.openAlerts.bySeverity).reduce((a, b) => a + b, 0));
    const mafar = await restJson<PortfolioResponse>(rest.mafar, '/portfolio?fiscalYear=2026');
    // The seeded Venue Booking overspend is MSSD's: MAFAR's planner does not count it.
    expect(mafar.openAlerts.total).toBe(
      admin.openAlerts.total - (await restJson<PortfolioResponse>(rest.planner, '/portfolio?fiscalYear=2026')).openAlerts.total,
    );
  });

  it('defaults to this year in Manila', async () => {
    const portfolio = await restJson<PortfolioResponse>(rest.admin, '/portfolio');
    expect(portfolio.fiscalYear).toBe(Number(TODAY.slice(0, 4)));
  });
});

describe('bad input: a 400 naming the field, or an empty portfolio; never a 500', () => {
  it.each([
    ['fiscalYear=abc', 'fiscalYear'],
    ['fiscalYear=1999', 'fiscalYear'],
    ['fiscalYear=2026.5', 'fiscalYear'],
    ['fiscalYear=', 'fiscalYear'],
    ['fiscalYear=2026&sector=space', 'sector'],
    ['fiscalYear=2026&moa=M', 'moa'],
    ['fiscalYear=2026&moa=MSSD%27%3B%20drop%20table%20ppas', 'moa'],
    ['fiscalYear=2026&moa=' + 'A'.repeat(500), 'moa'],
    ['fiscalYear=2026&moa=%00', 'moa'],
  ])('%s → 400', async (query, field) => {
    const res = await rest.admin(`/portfolio?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toContain(field);
  });

  it('an unknown fiscal year or MOA code is an empty portfolio', async () => {
    for (const query of ['fiscalYear=2099', 'fiscalYear=2026&moa=NOPE', 'fiscalYear=2000&sector=environment']) {
      const res = await rest.admin(`/portfolio?${query}`);
      expect(res.status, query).toBe(200);
      const body = (await res.json()) as PortfolioResponse;
      expect(body.totals).toMatchObject({ ppaCount: 0, allocation: '0.00', disbursements: '0.00', utilisation: null });
    }
    expect((await rest.admin('/portfolio?fiscalYear=2026&fiscalYear=abc&unknown=1')).status).toBe(200);
  });

  it('without a token: 401', async () => {
    const { handleRestRequest } = await import('../../http/rest-handler');
    expect((await handleRestRequest(new Request('http://localhost/api/v1/portfolio'), handle.db)).status).toBe(401);
  });
});

describe('aggregation in SQL', () => {
  it('one statement per portfolio, whatever the number of PPAs', async () => {
    if (!handle.url) return expect(handle.driver).toBe('pglite'); // statement counting needs PostgreSQL
    let statements = 0;
    const counted = openDatabase({ url: handle.url }, { onStatement: () => statements++ });
    try {
      const viewer = await demoViewer(counted.db, 'admin@example.org');
      const count = async () => {
        statements = 0;
        await getPortfolio({ db: counted.db, viewer, input: { fiscalYear: 2026 } });
        return statements;
      };
      const before = await count();
      const planner = await callerFor(handle.db, 'planner@example.org');
      for (let i = 0; i < 5; i++) await newTrackedPpa(planner, { allocation: '1000.00', title: `Counting PPA ${i}` });
      expect(await count()).toBe(before);
      expect(before).toBe(1);
    } finally {
      await counted.close();
    }
  });
});
