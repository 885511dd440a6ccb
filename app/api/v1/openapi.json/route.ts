// GET /api/v1/openapi.json — the OpenAPI 3 document of the Integration API.
import { openApiDocument } from '@/server/http/rest-handler';

export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
