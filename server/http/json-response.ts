import { createHash } from 'node:crypto';

/**
 * A JSON answer of the REST API with an ETag, the hash of the JSON, so that a client that already holds this
 * answer gets 304 and no body (`If-None-Match`). The server still builds the answer to hash it: a 304 saves
 * the transfer (and Next.js's compression of it), not the database work (README "Performance").
 *
 * Compression is Next.js's: it gzips every answer over 1 KiB the client accepts gzip for (its `compress`
 * setting, on by default), and it drops a Content-Encoding a route handler sets, so a handler cannot send its
 * own. Because the same JSON may go out plain or gzipped, the tag is weak (`W/"…"`): it names the JSON, not
 * the bytes, which is what If-None-Match compares anyway (RFC 9110, weak comparison).
 */

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks; `*` matches anything). */
export function matchesTag(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (t: string) =>
    t
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
  return ifNoneMatch.split(',').some((candidate) => opaque(candidate) === tag);
}

/**
 * `data` as the JSON answer to `request`: for a read, a weak ETag and 304 when the client's copy is current.
 * A write's answer gets no ETag: it describes the change, not a resource.
 */
export function negotiatedJson(data: unknown, request: { method: string; headers: Headers }, status = 200): Response {
  const body = Buffer.from(JSON.stringify(data), 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.method === 'GET' || request.method === 'HEAD') {
    const tag = createHash('sha1').update(body).digest('base64url');
    headers.etag = `W/"${tag}"`;
    // Kept only by the caller (it is their data) and asked for again each time: the ETag makes asking cheap.
    headers['cache-control'] = 'private, no-cache';
    if (status === 200 && matchesTag(request.headers.get('if-none-match'), tag)) return new Response(null, { status: 304, headers });
  }
  // A view of the bytes, not a copy (a Buffer made from a string is never a SharedArrayBuffer's).
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), { status, headers });
}
