// GET /api/openapi.json - the OpenAPI 3.1 document, generated from the operations the routes run through
import { buildOpenApiDocument } from "@/lib/api-contract/openapi-document";
import * as api from "@/lib/api-contract/instance";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

let document: Record<string, unknown> | undefined;

export const GET = withApi(api.openApiDocument, (request) => {
  // The document does not change while the process runs; the server URL is the one the caller used.
  document ??= buildOpenApiDocument();
  return jsonResponse({ ...document, servers: [{ url: new URL(request.url).origin }] });
});
