import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGEST_BODY_LIMIT_BYTES } from '@/server/lib/body-limits';

// app/api/inngest/route.ts serves the functions only when an Inngest server is configured (read at import).
let route: typeof import('@/app/api/inngest/route');
const before = process.env.INNGEST_DEV;
beforeAll(async () => {
  process.env.INNGEST_DEV = '1';
  route = await import('@/app/api/inngest/route');
});
afterAll(() => {
  if (before === undefined) delete process.env.INNGEST_DEV;
  else process.env.INNGEST_DEV = before;
});

function endlessPost(headers: Record<string, string> = {}) {
  let delivered = 0;
  const body = new ReadableStream<Uint8Array>({ pull: (c) => void ((delivered += 65536), c.enqueue(new Uint8Array(65536))) }, { highWaterMark: 0 });
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' };
  return {
    request: new NextRequest('http://localhost/api/inngest?fnId=x&stepId=step', init as ConstructorParameters<typeof NextRequest>[1]),
    delivered: () => delivered,
  };
}

describe('POST /api/inngest', () => {
  it('reads the Inngest server’s calls within the largest body limit: 413 past it, unread when declared', async () => {
    const declared = endlessPost({ 'content-length': String(LARGEST_BODY_LIMIT_BYTES + 1) });
    expect((await route.POST(declared.request, undefined)).status).toBe(413);
    expect(declared.delivered()).toBe(0);

    const chunked = endlessPost();
    expect((await route.POST(chunked.request, undefined)).status).toBe(413);
    expect(chunked.delivered()).toBeLessThanOrEqual(LARGEST_BODY_LIMIT_BYTES + 65536);
  });

  it('passes a call within the limit on to Inngest, body and all', async () => {
    const response = await route.POST(
      new NextRequest('http://localhost/api/inngest?fnId=nope&stepId=step', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"event":{},"events":[],"steps":{},"ctx":{}}',
      }),
      undefined,
    );
    expect(response.status).not.toBe(413);
    expect(await response.text()).toMatch(/nope|function/i);
  });
});
