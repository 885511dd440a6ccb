// GET/POST/PUT /api/inngest — the Inngest functions, for an Inngest server (cloud, self-hosted or dev).
import { serve } from 'inngest/next';
import { inngest, inngestConfigured } from '@/inngest/client';
import { functions } from '@/inngest/functions';

const served = serve({ client: inngest, functions });

function notConfigured() {
  return Response.json(
    { code: 'NOT_FOUND', message: 'No Inngest server is configured: background jobs run inside the app (see README "Background jobs").' },
    { status: 404 },
  );
}

export const GET = inngestConfigured() ? served.GET : notConfigured;
export const POST = inngestConfigured() ? served.POST : notConfigured;
export const PUT = inngestConfigured() ? served.PUT : notConfigured;
