import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, declaredLengthOver, payloadTooLargeResponse, readBodyWithin, sizeWords, withBodyLimit } from './body-limits';

/** A body that never ends (64 KiB a read), counting what has been read of it; nothing is read ahead. */
function endlessBody() {
  let delivered = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        delivered += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, delivered: () => delivered };
}

const post = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('declaredLengthOver', () => {
  it('compares a declared Content-Length with the limit; a missing one is not over, a malformed one is', () => {
    expect(declaredLengthOver('1048577', 1048576)).toBe(true);
    expect(declaredLengthOver('1048576', 1048576)).toBe(false);
    expect(declaredLengthOver(null, 10)).toBe(false);
    expect(declaredLengthOver(undefined, 10)).toBe(false);
    expect(declaredLengthOver('', 10)).toBe(false);
    expect(declaredLengthOver('12abc', 100)).toBe(true);
    expect(declaredLengthOver('-1', 100)).toBe(true);
  });
});

describe('readBodyWithin', () => {
  it('reads a body within the limit whole', async () => {
    expect(new TextDecoder().decode(await readBodyWithin(post('{"title":"x"}'), 100))).toBe('{"title":"x"}');
    expect(await readBodyWithin(new Request('http://localhost/x'), 100)).toHaveLength(0);
  });

  it('stops a body that never ends just past the limit', async () => {
    const body = endlessBody();
    await expect(readBodyWithin(post(body.stream), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.delivered()).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });

  it('refuses a declared length over the limit without reading a byte', async () => {
    const body = endlessBody();
    await expect(readBodyWithin(post(body.stream, { 'content-length': String(100 * 1024 * 1024) }), 1024 * 1024)).rejects.toThrow(/at most 1 MiB/);
    expect(body.delivered()).toBe(0);
  });
});

describe('withBodyLimit', () => {
  it('passes a body within the limit as it is', async () => {
    expect(await withBodyLimit(post('{"a":1}'), 100).json()).toEqual({ a: 1 });
    const bodiless = new Request('http://localhost/x');
    expect(withBodyLimit(bodiless, 100)).toBe(bodiless);
  });

  it('fails the read with the given error past the limit, and at once for a declared length over it', async () => {
    const endless = endlessBody();
    const tooLarge = new Error('too large');
    await expect(withBodyLimit(post(endless.stream), 256 * 1024, () => tooLarge).text()).rejects.toBe(tooLarge);
    expect(endless.delivered()).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);

    const declared = endlessBody();
    await expect(withBodyLimit(post(declared.stream, { 'content-length': '999999999' }), 1024).arrayBuffer()).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(declared.delivered()).toBe(0);
  });
});

describe('the refusal', () => {
  it('is a 413 in the app’s error shape, naming the limit', async () => {
    const response = payloadTooLargeResponse(4 * 1024 * 1024);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'body: the request body is larger than this request takes (at most 4 MiB).' });
    expect(sizeWords(512 * 1024)).toBe('512 KiB');
    expect(sizeWords(1536 * 1024)).toBe('1.5 MiB');
  });
});
