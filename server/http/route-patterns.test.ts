import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoutePatterns, appRoutes, routePatterns } from './route-patterns';

describe('route patterns (the bounded route label of request metrics)', () => {
  it('reads the app’s pages and route handlers from app/, route groups left out', () => {
    const patterns = appRoutePatterns(path.join(process.cwd(), 'app'));
    expect(patterns).toEqual(
      expect.arrayContaining([
        '/',
        '/ppas',
        '/ppas/[id]',
        '/ppas/[id]/allocate',
        '/ppas/new',
        '/admin/system',
        '/api/health',
        '/api/v1/[...path]',
        '/api/trpc/[trpc]',
        '/sign-in',
      ]),
    );
    expect(patterns.some((p) => p.includes('('))).toBe(false);
  });

  it('labels a path by its pattern, static segments before dynamic ones, never by its ids', () => {
    const routes = appRoutes();
    expect(routes.labelOf('/ppas/6f1c2a4e-1111-4222-8333-944455556666/allocate')).toBe('/ppas/[id]/allocate');
    expect(routes.labelOf('/ppas/new')).toBe('/ppas/new');
    expect(routes.labelOf('/ppas/123')).toBe('/ppas/[id]');
    expect(routes.labelOf('/')).toBe('/');
    expect(routes.labelOf('/api/trpc/ppa.list,ppa.get')).toBe('/api/trpc/[trpc]');
    expect(routes.labelOf('/api/v1/ppas/1/work-items')).toBe('/api/v1/[...path]');
    expect(routes.labelOf('/_next/static/chunks/abc.js')).toBe('/_next/[asset]');
    expect(routes.labelOf('/wp-login.php')).toBe('unmatched');
    expect(routes.labelOf('/ppas/1/2/3/4')).toBe('unmatched');
  });

  it('takes a trailing slash and optional catch-alls', () => {
    const routes = routePatterns(['/docs/[[...slug]]', '/a']);
    expect(routes.labelOf('/a/')).toBe('/a');
    expect(routes.labelOf('/docs')).toBe('/docs/[[...slug]]');
    expect(routes.labelOf('/docs/x/y')).toBe('/docs/[[...slug]]');
  });
});
