// GET/POST/PUT /api/inngest — the Inngest functions, for an Inngest server (cloud, self-hosted or dev).
import { serveInngest } from '@/server/http/inngest-handler';

export const GET = serveInngest.GET;
export const POST = serveInngest.POST;
export const PUT = serveInngest.PUT;
