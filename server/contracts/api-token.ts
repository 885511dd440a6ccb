import { z } from './zod';

export const zCreateApiTokenRequest = z.object({
  name: z.string().trim().min(1, 'Name the token after what will use it, like "BPDA dashboard".').max(100, 'Keep the name under 100 characters.'),
});

/** A personal API token as its owner sees it: never the secret, except once on creation. */
export const zApiToken = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const zCreatedApiToken = zApiToken.extend({ token: z.string() });
