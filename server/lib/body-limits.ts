/**
 * How much of a request body the app reads. A body is refused with 413 before it is parsed: by its declared
 * Content-Length before a byte is read, and, when it comes without one (chunked), as soon as more than the
 * limit has arrived. The app's server (server/main.ts) refuses a declared length above the largest limit before
 * Next.js sees the request; each handler holds its own route to its own limit.
 */

const MiB = 1024 * 1024;

/** What a JSON body may weigh unless its route says more (a procedure's `meta.bodyLimitBytes`). */
export const DEFAULT_BODY_LIMIT_BYTES = 1 * MiB;
/** The most any route takes: a distribution of a 10,000-child work item with its weights. */
export const LARGEST_BODY_LIMIT_BYTES = 4 * MiB;

/** "1 MiB", "4 MiB", "512 KiB": a limit in the words of the refusal. */
export function sizeWords(bytes: number): string {
  return bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export const PAYLOAD_TOO_LARGE_CODE = 'PAYLOAD_TOO_LARGE';

export function payloadTooLargeMessage(limitBytes: number): string {
  return `body: the request body is larger than this request takes (at most ${sizeWords(limitBytes)}).`;
}

/** A body that went over its limit while it was read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(payloadTooLargeMessage(limitBytes));
    this.name = 'BodyTooLargeError';
  }
}

/** Whether a declared Content-Length is over `limitBytes` (an unparseable one counts as over: it is a lie). */
export function declaredLengthOver(contentLength: string | null | undefined, limitBytes: number): boolean {
  if (contentLength === null || contentLength === undefined || contentLength === '') return false;
  if (!/^\d+$/.test(contentLength.trim())) return true;
  return Number(contentLength) > limitBytes;
}

/** The 413 a handler answers, in the app's error shape. */
export function payloadTooLargeResponse(limitBytes: number): Response {
  return Response.json({ code: PAYLOAD_TOO_LARGE_CODE, message: payloadTooLargeMessage(limitBytes) }, { status: 413 });
}

/**
 * The whole body, or a BodyTooLargeError once more than `limitBytes` has arrived (the rest is never read).
 * A declared Content-Length over the limit is refused before anything is read.
 */
export async function readBodyWithin(req: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredLengthOver(req.headers.get('content-length'), limitBytes)) throw new BodyTooLargeError(limitBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, received);
    received += value.byteLength;
    if (received > limitBytes) {
      void reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
}

/**
 * The same request, with a body that fails with `tooLarge()` once more than `limitBytes` has been read, or at
 * the first read, without reading a byte, when its declared Content-Length is over the limit: for a reader that
 * is not ours (tRPC reads the body only when a procedure asks for its input).
 */
export function withBodyLimit(req: Request, limitBytes: number, tooLarge: () => Error = () => new BodyTooLargeError(limitBytes)): Request {
  if (!req.body) return req;
  let limited: ReadableStream<Uint8Array>;
  if (declaredLengthOver(req.headers.get('content-length'), limitBytes)) {
    void req.body.cancel().catch(() => {});
    limited = new ReadableStream({ start: (controller) => controller.error(tooLarge()) });
  } else {
    // Pulled a chunk at a time as the reader asks, nothing ahead: a body nobody asks for is never read.
    const reader = req.body.getReader();
    let received = 0;
    limited = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          received += value.byteLength;
          if (received <= limitBytes) return controller.enqueue(value);
          void reader.cancel().catch(() => {});
          controller.error(tooLarge());
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: limited, signal: req.signal, duplex: 'half' } as RequestInit);
}
