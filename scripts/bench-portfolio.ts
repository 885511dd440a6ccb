// npm run bench:portfolio (also the last part of npm run bench) — the portfolio endpoint and the MFBM Budget
// Execution Report for one fiscal year of 5,000 PPAs (500,000 work items, 300,000 ledger entries) on
// PostgreSQL, generated with generate_series in a scratch database that is dropped afterwards. Prints p50/p95
// and the SQL statements per request. Goals (docs/domain-rules.md, "Portfolio and reports"): portfolio p95 under
// 150 ms, the workbook under 5 s. A script, not a test: it prints figures, it asserts nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { openDatabase } from '../db';
import { seedDemoData } from '../db/seed/seed';
import { handleRestRequest } from '../server/http/rest-handler';
import { createApiToken } from '../server/services/api-tokens/api-tokens';
import { findViewerByEmail } from '../server/services/auth/viewers';
import { getPortfolio } from '../server/services/portfolio/portfolio';
import { listPpas } from '../server/services/ppa/list-ppas';
import { budgetExecutionReport, coaVarianceReport } from '../server/services/reports/report-workbooks';
import { percentile, timeRuns } from './bench-stats';

const FISCAL_YEAR = 2031; // a year of its own: the demo data's PPAs are 2024–2026
const PPAS = 5_000;
const ITEMS_PER_PPA = 100; // project → 9 activities → 90 tasks
const ENTRIES_PER_PPA = 60; // a third obligations, the rest disbursements

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The fiscal year's PPAs, their trees and ledgers, written by PostgreSQL itself (generate_series). */
export async function generate(sql: postgres.Sql, userId: string): Promise<void> {
  await sql`
    insert into ppas (id, title, moa_id, category, sector, appropriation_class, funding_source, fiscal_year,
                      budget_ceiling, budget_allocation, status, progress, approval_stage, stage_entered_at, enable_work_item_tracking)
    select md5('bench-ppa-' || g)::uuid,
           'Benchmark PPA ' || g,
           (select id from moas order by code offset (g % 8) limit 1),
           (array['program','project','activity'])[1 + g % 3]::ppa_category,
           (array['economic','social','infrastructure','environment','governance','peace_security'])[1 + g % 6]::ppa_sector,
           (array['PS','MOOE','CO'])[1 + g % 3]::appropriation_class,
           'GAAB'::funding_source,
           ${FISCAL_YEAR},
           10000000 + (g % 1000) * 1000, 10000000 + (g % 1000) * 1000 - (g % 7) * 100,
           'ongoing'::ppa_status, g % 101,
           (array['draft','technical_review','budget_review','stakeholder_consultation','executive_approval','approved','enacted','rejected'])[1 + g % 8]::approval_stage,
           now() - (g % 60) * interval '1 day' - (g % 24) * interval '1 hour',
           true
    from generate_series(1, ${PPAS}) g`;
  await sql`
    insert into work_items (id, ppa_id, parent_id, title, work_type, status, progress, allocated_budget, sort_order)
    select md5('bench-item-' || g || '-' || k)::uuid,
           md5('bench-ppa-' || g)::uuid,
           case when k = 0 then null
                when k < 10 then md5('bench-item-' || g || '-0')::uuid
                else md5('bench-item-' || g || '-' || (1 + (k - 10) / 10))::uuid end,
           case when k = 0 then 'Project' when k < 10 then 'Activity ' || k else 'Task ' || k end,
           (case when k = 0 then 'project' when k < 10 then 'activity' else 'task' end)::work_type,
           (array['not_started','in_progress','completed'])[1 + k % 3]::work_status,
           (k * 7) % 101,
           case when k = 0 then 9000000 when k < 10 then 1000000 else 100000 end,
           k
    from generate_series(1, ${PPAS}) g, generate_series(0, ${ITEMS_PER_PPA - 1}) k`;
  await sql`
    insert into expenditure_entries (work_item_id, ppa_id, kind, amount, spent_on, description, recorded_by_id)
    select md5('bench-item-' || g || '-' || (10 + i % 90))::uuid,
           md5('bench-ppa-' || g)::uuid,
           (case when i % 3 = 0 then 'obligation' else 'disbursement' end)::ledger_entry_kind,
           1000 + (i * 37 + g) % 5000 + 0.25,
           ${`${FISCAL_YEAR}-03-01`}::date + (i % 200),
           'Benchmark entry',
           ${userId}
    from generate_series(1, ${PPAS}) g, generate_series(1, ${ENTRIES_PER_PPA}) i`;
  await sql`
    insert into alerts (ppa_id, type, severity, title)
    select md5('bench-ppa-' || g)::uuid, 'approval_bottleneck', (array['info','low','medium','high','critical'])[1 + g % 5]::alert_severity, 'Benchmark alert'
    from generate_series(1, ${PPAS}, 10) g`;
  await sql`analyze`;
}

export async function benchPortfolio(adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'): Promise<void> {
  const dbName = `ppa_bench_portfolio_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  let statements = 0;
  const handle = openDatabase({ url: url.toString() }, { onStatement: () => statements++ });
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const server = createServer(async (req, res) => {
    const response = await handleRestRequest(
      new Request(`http://localhost${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }),
      handle.db,
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  try {
    console.log(`\nPortfolio and reports: building FY ${FISCAL_YEAR} with ${PPAS.toLocaleString()} PPAs in ${dbName}…`);
    await handle.migrate();
    await seedDemoData(handle.db);
    const adminViewer = (await findViewerByEmail(handle.db, 'admin@example.org'))!;
    const planner = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
    const started = performance.now();
    await generate(raw, adminViewer.userId);
    const [counts] = await raw<{ ppas: number; items: number; entries: number }[]>`
      select (select count(*)::int from ppas where fiscal_year = ${FISCAL_YEAR}) as ppas,
             (select count(*)::int from work_items w join ppas p on p.id = w.ppa_id where p.fiscal_year = ${FISCAL_YEAR}) as items,
             (select count(*)::int from expenditure_entries e join ppas p on p.id = e.ppa_id where p.fiscal_year = ${FISCAL_YEAR}) as entries`;
    console.log(
      `${counts!.ppas.toLocaleString()} PPAs, ${counts!.items.toLocaleString()} work items, ${counts!.entries.toLocaleString()} ledger entries (generated in ${((performance.now() - started) / 1000) | 0} s)`,
    );

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const token = async (email: string) => (await createApiToken({ db: handle.db, viewer: (await findViewerByEmail(handle.db, email))!, name: 'bench' })).token;
    const tokens = { admin: await token('admin@example.org'), planner: await token('planner@example.org') };
    const get = async (path: string, as: keyof typeof tokens) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { authorization: `Bearer ${tokens[as]}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return bytes;
    };
    const statementsOf = async (fn: () => Promise<unknown>) => {
      statements = 0;
      await fn();
      return statements;
    };

    console.log('\nwhat                                         | p50        | p95        | SQL statements | size');
    const row = (what: string, samples: number[], sqlCount: number, size = '') =>
      console.log(
        `${what.padEnd(44)} | ${ms(percentile(samples, 50)).padStart(10)} | ${ms(percentile(samples, 95)).padStart(10)} | ${String(sqlCount).padStart(14)} | ${size}`,
      );

    const service = await timeRuns(60, 5, () => getPortfolio({ db: handle.db, viewer: adminViewer, input: { fiscalYear: FISCAL_YEAR } }));
    row(
      'portfolio service, admin (all MOAs)',
      service,
      await statementsOf(() => getPortfolio({ db: handle.db, viewer: adminViewer, input: { fiscalYear: FISCAL_YEAR } })),
    );
    let bytes = 0;
    const restAdmin = await timeRuns(60, 5, async () => (bytes = await get(`/portfolio?fiscalYear=${FISCAL_YEAR}`, 'admin')));
    row(
      'GET /api/v1/portfolio, admin (HTTP)',
      restAdmin,
      await statementsOf(() => get(`/portfolio?fiscalYear=${FISCAL_YEAR}`, 'admin')),
      `${(bytes / 1024).toFixed(1)} KiB`,
    );
    const restPlanner = await timeRuns(60, 5, async () => (bytes = await get(`/portfolio?fiscalYear=${FISCAL_YEAR}`, 'planner')));
    row(
      'GET /api/v1/portfolio, MSSD planner (HTTP)',
      restPlanner,
      await statementsOf(() => get(`/portfolio?fiscalYear=${FISCAL_YEAR}`, 'planner')),
      `${(bytes / 1024).toFixed(1)} KiB`,
    );
    const filtered = await timeRuns(60, 5, () => get(`/portfolio?fiscalYear=${FISCAL_YEAR}&moa=MAFAR&sector=economic`, 'admin'));
    row(
      'GET /api/v1/portfolio?moa=MAFAR&sector=economic',
      filtered,
      await statementsOf(() => get(`/portfolio?fiscalYear=${FISCAL_YEAR}&moa=MAFAR&sector=economic`, 'admin')),
    );

    const listFirst = await timeRuns(30, 3, () =>
      listPpas({ db: handle.db, viewer: adminViewer, filters: { fiscalYear: FISCAL_YEAR, sort: 'utilisation', order: 'desc', withTotals: true } }),
    );
    row(
      'PPA list sorted by utilisation, with totals',
      listFirst,
      await statementsOf(() =>
        listPpas({ db: handle.db, viewer: adminViewer, filters: { fiscalYear: FISCAL_YEAR, sort: 'utilisation', order: 'desc', withTotals: true } }),
      ),
    );
    const listTitle = await timeRuns(30, 3, () => listPpas({ db: handle.db, viewer: adminViewer, filters: { fiscalYear: FISCAL_YEAR, sort: 'title' } }));
    row(
      'PPA list sorted by title (page of 25)',
      listTitle,
      await statementsOf(() => listPpas({ db: handle.db, viewer: adminViewer, filters: { fiscalYear: FISCAL_YEAR, sort: 'title' } })),
    );

    let size = 0;
    const workbook = await timeRuns(
      5,
      1,
      async () => (size = (await budgetExecutionReport({ db: handle.db, viewer: adminViewer, input: { fiscalYear: FISCAL_YEAR } })).content.length),
    );
    row(
      `MFBM workbook, ${PPAS.toLocaleString()} rows (service)`,
      workbook,
      await statementsOf(() => budgetExecutionReport({ db: handle.db, viewer: adminViewer, input: { fiscalYear: FISCAL_YEAR } })),
      `${(size / 1024).toFixed(0)} KiB`,
    );
    const workbookRest = await timeRuns(5, 1, async () => (bytes = await get(`/reports/budget-execution.xlsx?fiscalYear=${FISCAL_YEAR}`, 'admin')));
    row(
      'GET /api/v1/reports/budget-execution.xlsx',
      workbookRest,
      await statementsOf(() => get(`/reports/budget-execution.xlsx?fiscalYear=${FISCAL_YEAR}`, 'admin')),
      `${(bytes / 1024).toFixed(0)} KiB`,
    );
    statements = 0;
    const coa = await timeRuns(
      1,
      0,
      async () => (size = (await coaVarianceReport({ db: handle.db, viewer: planner, input: { fiscalYear: FISCAL_YEAR } })).content.length),
    );
    row('COA workbook, one MOA (625 PPAs, 62,500 items)', coa, statements, `${(size / 1024).toFixed(0)} KiB`);

    const plan = await raw.unsafe(
      `explain (analyze, buffers off, timing off, summary on) select ppa_id, sum(amount) from expenditure_entries where ppa_id in (select id from ppas where fiscal_year = ${FISCAL_YEAR}) group by ppa_id`,
    );
    const total = plan.map((r) => Object.values(r)[0]).find((line) => String(line).startsWith('Execution Time'));
    console.log(`\nWhat ppa_ledger_totals saves every request: one GROUP BY over the year's ${counts!.entries.toLocaleString()} entries, ${total}`);
    console.log(`Goals: portfolio p95 < 150 ms; MFBM workbook < 5 s.`);
  } finally {
    server.close();
    await raw.end({ timeout: 5 });
    await handle.close();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchPortfolio();
