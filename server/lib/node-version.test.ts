import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_VERSION, nodeVersionRefusal } from './node-version';

const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string } | null };
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

describe('the Node.js version a start needs', () => {
  it('is the lowest package.json allows', () => {
    expect(semver.minVersion(manifest.engines.node)!.version).toBe(MINIMUM_NODE_VERSION);
  });

  it('refuses Node 20 and 22 before 22.13 in one line naming the version needed', () => {
    for (const old of ['20.20.2', 'v20.19.0', '22.12.0', '18.0.0']) {
      const refusal = nodeVersionRefusal(old);
      expect(refusal).toContain('needs Node.js 22.13.0 or later');
      expect(refusal).toContain(old.replace(/^v/, ''));
      expect(refusal).not.toContain('\n');
    }
  });

  it('accepts 22.13 and later, 24 LTS among them', () => {
    for (const supported of ['22.13.0', '22.20.1', '24.22.3', 'v25.0.0', '23.0.0']) expect(nodeVersionRefusal(supported)).toBeNull();
  });
});
