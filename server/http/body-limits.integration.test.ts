import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { demoApiToken, demoViewer } from '@/test/viewers';
import type { Viewer } from '../domain/types';
import { DEFAULT_BODY_LIMIT_BYTES } from '../lib/body-limits';
import { handleRestRequest } from './rest-handler';
import { handleTrpcRequest } from './trpc-handler';

/**
 * Bodies are refused before they are read or parsed: an anonymous caller's body is never read at all, a
 * declared length over the route's limit is refused unread, and a body without one stops just past the limit.
 * A hostile probe had a 100 MB anonymous body read and parsed before its 401 (4.5 s; four at once took 500 MiB).
 */

let handle: TestDatabase;
let plannerToken: string;
let planner: Viewer;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  plannerToken = await demoApiToken(handle.db, 'planner@example.org');
  planner = await demoViewer(handle.db, 'planner@example.org');
});
afterAll(() => handle.close());

const CHUNK = 64 * 1024;
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const LIVELIHOOD_ROOT = stableId('ppa:mssd-livelihood:project');

/** A body that never ends, counting the bytes read of it (nothing is read ahead). */
function endlessBody() {
  let delivered = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        delivered += CHUNK;
        controller.enqueue(new TextEncoder().encode(' '.repeat(CHUNK)));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, delivered: () => delivered };
}

/** JSON padded with spaces to `bytes`: valid, just large. */
const padded = (value: unknown, bytes: number) => {
  const json = JSON.stringify(value);
  return json + ' '.repeat(Math.max(0, bytes - json.length));
};

function rest(path: string, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit;
  return handleRestRequest(new Request(`http://localhost/api/v1${path}`, init), handle.db, { limits: NEVER_BLOCKING_LIMITS });
}

function trpc(path: string, body: BodyInit | ReadableStream<Uint8Array>, viewer: Viewer | null, headers: Record<string, string> = {}) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit;
  return handleTrpcRequest(new Request(`http://localhost/api/trpc/${path}`, init), async () => ({ db: handle.db, viewer }));
}

describe('REST: the caller before the body', () => {
  it('answers an anonymous write whose body never ends with 401, without reading a byte of it', async () => {
    const body = endlessBody();
    const response = await rest('/ppas', body.stream);
    expect(response.status).toBe(401);
    expect(body.delivered()).toBe(0);

    const unknownToken = endlessBody();
    expect((await rest('/ppas', unknownToken.stream, { authorization: 'Bearer ppa_not-a-token' })).status).toBe(401);
    expect(unknownToken.delivered()).toBe(0);
  });

  it('refuses a declared Content-Length over the limit with 413 before reading, and a longer body as soon as it passes the limit', async () => {
    const declared = endlessBody();
    const refused = await rest('/ppas', declared.stream, { authorization: `Bearer ${plannerToken}`, 'content-length': String(100 * 1024 * 1024) });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'body: the request body is larger than this request takes (at most 1 MiB).' });
    expect(declared.delivered()).toBe(0);

    const chunked = endlessBody();
    expect((await rest('/ppas', chunked.stream, { authorization: `Bearer ${plannerToken}` })).status).toBe(413);
    expect(chunked.delivered()).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES + CHUNK);
  });

  it('takes a distribution of up to 4 MiB, and other writes up to 1 MiB', async () => {
    const auth = { authorization: `Bearer ${plannerToken}` };
    const preview = await rest(`/ppas/${LIVELIHOOD}/preview-distribution`, padded({ parentId: LIVELIHOOD_ROOT, mode: 'equal' }, 3 * 1024 * 1024), auth);
    expect(preview.status).toBe(200);
    expect((await rest('/ppas', padded({ title: 'Large' }, 1024 * 1024 + 1), auth)).status).toBe(413);
    expect(
      (await rest(`/ppas/${LIVELIHOOD}/preview-distribution`, padded({ parentId: LIVELIHOOD_ROOT, mode: 'equal' }, 4 * 1024 * 1024 + 1), auth)).status,
    ).toBe(413);
  });
});

describe('tRPC: the caller before the body', () => {
  it('answers an anonymous call of a signed-in procedure with 401, without reading its endless body', async () => {
    const body = endlessBody();
    const response = await trpc('ppa.create', body.stream, null);
    expect(response.status).toBe(401);
    expect(body.delivered()).toBe(0);
  });

  it('stops a signed-in caller’s body at the procedure’s limit with 413, unread when its declared length is over', async () => {
    const chunked = endlessBody();
    const refused = await trpc('ppa.create', chunked.stream, planner);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { message: string; data: { code: string } } }).error).toMatchObject({
      message: 'body: the request body is larger than this request takes (at most 1 MiB).',
      data: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(chunked.delivered()).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES + CHUNK);

    const declared = endlessBody();
    expect((await trpc('ppa.create', declared.stream, planner, { 'content-length': String(50 * 1024 * 1024) })).status).toBe(413);
    expect(declared.delivered()).toBe(0);
  });

  it('holds an anonymous procedure (set-password) to the limit too', async () => {
    const body = endlessBody();
    expect((await trpc('user.setPassword', body.stream, null)).status).toBe(413);
    expect(body.delivered()).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES + CHUNK);
  });

  it('takes a distribution of up to 4 MiB', async () => {
    const preview = await trpc('budget.previewDistribution', padded({ id: LIVELIHOOD, parentId: LIVELIHOOD_ROOT, mode: 'equal' }, 3 * 1024 * 1024), planner);
    expect(preview.status).toBe(200);
    expect((await trpc('ppa.create', padded({ title: 'Large' }, 2 * 1024 * 1024), planner)).status).toBe(413);
  });
});
