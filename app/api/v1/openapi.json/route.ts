// GET /api/v1/openapi.json — the OpenAPI 3 document of the Integration API.
import { serveOpenApi } from '@/server/http/rest-handler';

export { serveOpenApi as GET };
