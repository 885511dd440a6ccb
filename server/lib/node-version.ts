// The lowest Node.js the app runs on: package.json's `engines.node` says the same (a test holds them together).
// Node 20 reached end of life on 2026-04-30; 22 and 24 are the maintained LTS lines.
export const MINIMUM_NODE_VERSION = '22.13.0';

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);
}

/** The one line a start on too old a Node prints before it exits, or null when `running` is new enough. */
export function nodeVersionRefusal(running: string, minimum = MINIMUM_NODE_VERSION): string | null {
  const have = parts(running);
  const need = parts(minimum);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return null;
    if ((have[i] ?? 0) < (need[i] ?? 0)) {
      return `PPA Tracker needs Node.js ${minimum} or later (22 or 24 LTS); this is Node.js ${running.replace(/^v/, '')}.`;
    }
  }
  return null;
}
