import type { networkInterfaces } from 'node:os';

/** See dev-origins.mjs. */
export function allowedDevOrigins(env?: NodeJS.ProcessEnv, interfaces?: ReturnType<typeof networkInterfaces>, machine?: string): string[];
