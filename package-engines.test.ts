import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is npm's own version logic (installed with the toolchain); only these two functions are needed.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface LockedPackage {
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

/** The locked packages that would not run on `version` of Node (npm warns EBADENGINE for each). */
function refusing(version: string): string[] {
  return Object.entries(lock.packages)
    .filter(([name, pkg]) => name !== '' && !pkg.optional && !Array.isArray(pkg.engines) && pkg.engines?.node)
    .filter(([, pkg]) => !semver.satisfies(version, (pkg.engines as { node: string }).node))
    .map(([name, pkg]) => `${name} needs Node ${(pkg.engines as { node: string }).node}`);
}

// npm install once warned that @axe-core/playwright needed Node ≥ 22.12 while package.json promised ≥ 20.9.
describe('the Node versions package.json promises', () => {
  it('run every installed package: the lowest one allowed, and the one running now', () => {
    const lowest = semver.minVersion(manifest.engines.node)!.version;
    expect(refusing(lowest)).toEqual([]);
    expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
    expect(refusing(process.versions.node)).toEqual([]);
  });
});
