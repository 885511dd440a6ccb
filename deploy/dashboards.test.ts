import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMetrics } from '../server/lib/metrics';

/**
 * The dashboard and the alert rules query only metrics the app exposes: a renamed metric would otherwise leave a
 * panel blank or an alert silent with nothing failing.
 */
const deploy = (file: string) => readFileSync(path.join(process.cwd(), 'deploy', file), 'utf8');

async function exposedNames(): Promise<Set<string>> {
  const metrics = await getMetrics().registry.getMetricsAsJSON();
  const names = new Set<string>(['up']);
  for (const metric of metrics) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

function queriedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\b((?:ppa|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!))];
}

describe('dashboards and alerts as code', () => {
  it('the Grafana dashboard queries only metrics the app exposes, and is valid JSON with panels', async () => {
    const dashboard = JSON.parse(deploy('grafana-dashboard.json')) as { panels: { targets: { expr: string }[] }[] };
    expect(dashboard.panels.length).toBeGreaterThan(10);
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    const names = await exposedNames();
    const queried = queriedNames(exprs);
    expect(queried.length).toBeGreaterThan(15);
    expect(queried.filter((name) => !names.has(name))).toEqual([]);
  });

  it('the alert rules query only metrics the app exposes', async () => {
    const names = await exposedNames();
    const queried = queriedNames(deploy('alerts.yml'));
    expect(queried.length).toBeGreaterThan(5);
    expect(queried.filter((name) => !names.has(name))).toEqual([]);
  });
});
