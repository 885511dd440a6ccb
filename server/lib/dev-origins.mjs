// Plain JavaScript: next.config.mjs imports this before anything compiles TypeScript.
import { hostname as machineName, networkInterfaces } from 'node:os';

/**
 * The hosts `next dev` may serve its scripts and hot reload to besides localhost (Next 16 blocks the others, so
 * a page opened at http://127.0.0.1:3000 or from a phone on the LAN never becomes interactive): loopback, the
 * machine's own addresses and name, and the comma-separated ALLOWED_DEV_ORIGINS (hosts, wildcards such as
 * *.example.dev, or whole origins like http://192.168.1.20:3000, reduced to their host). Production ignores it.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @param {ReturnType<typeof networkInterfaces>} [interfaces]
 * @param {string} [machine]
 * @returns {string[]}
 */
export function allowedDevOrigins(env = process.env, interfaces = networkInterfaces(), machine = machineName()) {
  const hosts = new Set(['127.0.0.1', '[::1]']);
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      // An IPv6 address is written in brackets in a URL, and so in the Origin header Next compares.
      hosts.add(address.family === 'IPv6' ? `[${address.address.split('%')[0]}]` : address.address);
    }
  }
  if (machine) hosts.add(machine.toLowerCase());
  for (const entry of (env.ALLOWED_DEV_ORIGINS ?? '').split(',')) {
    const host = hostOf(entry.trim());
    if (host) hosts.add(host);
  }
  return [...hosts];
}

/** "http://192.168.1.20:3000" → "192.168.1.20"; "*.example.dev" stays; "" or a malformed entry → null. */
function hostOf(entry) {
  if (!entry) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    try {
      return new URL(entry).hostname.toLowerCase() || null;
    } catch {
      return null;
    }
  }
  const host = entry.replace(/\/.*$/, '').toLowerCase();
  // A bare host with a port ("192.168.1.20:3000"); an IPv6 address only in brackets.
  const withoutPort = host.startsWith('[') ? host.replace(/\]:\d+$/, ']') : host.replace(/:\d+$/, '');
  return /^[a-z0-9*.\-[\]:]+$/.test(withoutPort) && !withoutPort.includes('..') ? withoutPort : null;
}
