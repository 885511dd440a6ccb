import { describe, expect, it } from 'vitest';
import { matchesTag, negotiatedJson } from './json-response';

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: `item-${i}`, title: `Barangay ${i} water system`, allocated: '12345.67' })) };
const request = (headers: Record<string, string> = {}, method = 'GET') => ({ method, headers: new Headers(headers) });

describe('matchesTag', () => {
  it('matches the tag weakly, in a list, and *', () => {
    expect(matchesTag('"abc"', 'abc')).toBe(true);
    expect(matchesTag('W/"abc"', 'abc')).toBe(true);
    expect(matchesTag('"x", W/"abc"', 'abc')).toBe(true);
    expect(matchesTag(' * ', 'abc')).toBe(true);
  });

  it('does not match another tag, a part of it, or nothing', () => {
    expect(matchesTag(null, 'abc')).toBe(false);
    expect(matchesTag('', 'abc')).toBe(false);
    expect(matchesTag('"ab"', 'abc')).toBe(false);
    expect(matchesTag('"abcd"', 'abc')).toBe(false);
    expect(matchesTag('"abc-gzip"', 'abc')).toBe(false);
    expect(matchesTag('W/"x", "y"', 'abc')).toBe(false);
  });
});

describe('negotiatedJson', () => {
  it('sends the JSON with a weak ETag of it, to be kept by the caller and asked for again', async () => {
    const res = negotiatedJson(big, request());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]{27}"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual(big);
    // The same JSON, the same tag; small answers (a pooled Buffer) arrive whole too.
    expect(negotiatedJson(big, request()).headers.get('etag')).toBe(res.headers.get('etag'));
    expect(await negotiatedJson({ ok: true }, request()).json()).toEqual({ ok: true });
  });

  it('answers 304 without a body when the client holds the same JSON', async () => {
    const etag = negotiatedJson(big, request()).headers.get('etag')!;
    const notModified = negotiatedJson(big, request({ 'if-none-match': etag }));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');
    expect(negotiatedJson(big, request({ 'if-none-match': etag.slice(2) })).status).toBe(304);
  });

  it('answers 200 with the new JSON once it changed, and never 304 or an ETag to a write', async () => {
    const etag = negotiatedJson(big, request()).headers.get('etag')!;
    const changed = { items: [...big.items, { id: 'new', title: 'New', allocated: '1.00' }] };
    const res = negotiatedJson(changed, request({ 'if-none-match': etag }));
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
    expect(await res.json()).toEqual(changed);
    const write = negotiatedJson(big, request({ 'if-none-match': etag }, 'POST'));
    expect(write.status).toBe(200);
    expect(write.headers.get('etag')).toBeNull();
    expect(await write.json()).toEqual(big);
  });

  it('keeps the status it is given and answers 304 only instead of a 200', async () => {
    const etag = negotiatedJson(null, request()).headers.get('etag')!;
    const created = negotiatedJson(null, request({ 'if-none-match': etag }), 201);
    expect(created.status).toBe(201);
    expect(await created.json()).toBeNull();
  });
});
