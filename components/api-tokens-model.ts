import { zCreateApiTokenRequest } from '@/server/contracts/api-token';
import type { z } from '@/server/contracts/zod';

/** The apiToken.create request for this name, checked with the procedure's schema: the request, or the message. */
export function validateTokenName(name: string): { ok: true; request: z.output<typeof zCreateApiTokenRequest> } | { ok: false; error: string } {
  const parsed = zCreateApiTokenRequest.safeParse({ name });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
}
