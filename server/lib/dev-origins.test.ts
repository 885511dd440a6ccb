import type { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedDevOrigins } from './dev-origins.mjs';

type Interfaces = ReturnType<typeof networkInterfaces>;
const lan: Interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:42:ac:11:00:02', internal: false, cidr: '192.168.1.20/24' },
    {
      address: 'fe80::42:acff:fe11:2',
      netmask: 'ffff:ffff:ffff:ffff::',
      family: 'IPv6',
      mac: '02:42:ac:11:00:02',
      internal: false,
      cidr: 'fe80::42:acff:fe11:2/64',
      scopeid: 2,
    },
  ],
};
const env = (value?: string) => ({ ALLOWED_DEV_ORIGINS: value }) as unknown as NodeJS.ProcessEnv;

describe('the origins the dev server serves its scripts to', () => {
  it('allows loopback, the machine’s own addresses (IPv6 in brackets) and its name', () => {
    expect(allowedDevOrigins(env(), lan, 'Planning-Laptop')).toEqual(['127.0.0.1', '[::1]', '192.168.1.20', '[fe80::42:acff:fe11:2]', 'planning-laptop']);
  });

  it('adds ALLOWED_DEV_ORIGINS: hosts, wildcards and whole origins reduced to their host', () => {
    const origins = allowedDevOrigins(env(' ppa.test , http://10.0.0.5:3000,*.tunnel.example.dev,10.0.0.6:3000,[fd00::7]:3000 '), {}, '');
    expect(origins).toEqual(['127.0.0.1', '[::1]', 'ppa.test', '10.0.0.5', '*.tunnel.example.dev', '10.0.0.6', '[fd00::7]']);
  });

  it('ignores empty and malformed entries rather than allowing something unintended', () => {
    expect(allowedDevOrigins(env(',, ,http://,bad host,evil..com,<script>'), {}, '')).toEqual(['127.0.0.1', '[::1]']);
    expect(allowedDevOrigins(env(undefined), {}, '')).toEqual(['127.0.0.1', '[::1]']);
  });

  it('reads the real machine when called with no arguments', () => {
    expect(allowedDevOrigins()).toEqual(expect.arrayContaining(['127.0.0.1', '[::1]']));
  });
});
