import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The route pattern of a request path ("/ppas/[id]/allocate"), the bounded label of its metrics: the app's pages
 * and route handlers as `app/` declares them (route groups left out), Next's assets as one route, and anything
 * else "unmatched". Never the path itself, which holds ids and whatever a scanner tries.
 */
export interface RoutePatterns {
  labelOf(pathname: string): string;
}

interface Pattern {
  label: string;
  regex: RegExp;
  /** Static segments first: /ppas/new before /ppas/[id]. */
  dynamicSegments: number;
}

/** The folders under `app/` that hold a page.tsx or a route.ts, as URL patterns. */
export function appRoutePatterns(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && /^(page|route)\.(tsx?|jsx?)$/.test(e.name))) found.push(`/${segments.join('/')}`);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('@')) continue;
      const group = /^\(.*\)$/.test(entry.name);
      walk(path.join(dir, entry.name), group ? segments : [...segments, entry.name]);
    }
  };
  walk(appDir, []);
  return found;
}

function compile(label: string): Pattern {
  const segments = label.split('/').filter(Boolean);
  let dynamicSegments = 0;
  const source = segments
    .map((segment) => {
      if (/^\[\[?\.\.\..+\]\]?$/.test(segment)) {
        dynamicSegments += 10;
        return '(?:/.*)?';
      }
      if (/^\[.+\]$/.test(segment)) {
        dynamicSegments += 1;
        return '/[^/]+';
      }
      return `/${segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}`;
    })
    .join('');
  return { label, regex: new RegExp(`^${source || '/'}/?$`), dynamicSegments };
}

export function routePatterns(labels: readonly string[]): RoutePatterns {
  const patterns = labels.map(compile).sort((a, b) => a.dynamicSegments - b.dynamicSegments);
  return {
    labelOf(pathname) {
      if (pathname.startsWith('/_next/')) return '/_next/[asset]';
      const match = patterns.find((p) => p.regex.test(pathname));
      return match?.label ?? 'unmatched';
    },
  };
}

let appPatterns: RoutePatterns | undefined;

/** This app's patterns, read from `app/` once (the folder ships with the app: `npm start` runs from it). */
export function appRoutes(): RoutePatterns {
  appPatterns ??= routePatterns([...appRoutePatterns(path.join(process.cwd(), 'app')), '/api/metrics', '/collab/[ppaId]']);
  return appPatterns;
}
