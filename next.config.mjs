import { allowedDevOrigins } from './server/lib/dev-origins.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly next to its own files and postgres.js opens sockets: both must stay
  // plain Node modules, shared with the custom server (server/main.ts) rather than bundled twice.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', 'pino', 'ioredis', 'rate-limiter-flexible'],
  // Dev and e2e builds may run side by side; each gets its own build folder when NEXT_DIST_DIR is set.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm run dev` opened at 127.0.0.1, at the machine's LAN address (a phone) or at ALLOWED_DEV_ORIGINS.
  allowedDevOrigins: allowedDevOrigins(),
};

export default nextConfig;
