import { NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { inngest, inngestConfigured } from '@/inngest/client';
import { functions } from '@/inngest/functions';
import { BodyTooLargeError, LARGEST_BODY_LIMIT_BYTES, payloadTooLargeResponse, readBodyWithin } from '../lib/body-limits';

const served = serve({ client: inngest, functions });

function notConfigured() {
  return Response.json(
    { code: 'NOT_FOUND', message: 'No Inngest server is configured: background jobs run inside the app (see README "Background jobs").' },
    { status: 404 },
  );
}

/** The Inngest server's calls (events with their steps' results) are read within the largest body limit, 413 beyond. */
function withinBodyLimit(handler: typeof served.POST): typeof served.POST {
  return async (req, res) => {
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyWithin(req, LARGEST_BODY_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return payloadTooLargeResponse(error.limitBytes);
      throw error;
    }
    return handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body }), res);
  };
}

/** GET/POST/PUT /api/inngest: the Inngest functions for an Inngest server, or 404 when none is configured. */
export const serveInngest = {
  GET: inngestConfigured() ? served.GET : notConfigured,
  POST: inngestConfigured() ? withinBodyLimit(served.POST) : notConfigured,
  PUT: inngestConfigured() ? withinBodyLimit(served.PUT) : notConfigured,
};
