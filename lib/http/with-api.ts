import "server-only";
import { ApiError, problemResponse, toProblem } from "../errors";
import { log } from "../log";
import { requestIdFor } from "./request-id";

/**
 * The one wrapper every API route handler goes through. It gives the request an id, measures it,
 * turns every thrown error into problem+json (logging unexpected ones with the id, never leaking
 * them), and writes one structured log line per request. Later layers (API-key auth, rate limits,
 * usage recording) hook in here, so handlers stay thin.
 */

export interface ApiContext {
  requestId: string;
  /** The route pattern, e.g. `POST /api/v1/analyze/image-text` (not the raw URL, which may carry ids). */
  route: string;
  params: Record<string, string | string[] | undefined>;
  startedAtMs: number;
}

export type ApiHandler = (request: Request, context: ApiContext) => Promise<Response> | Response;

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

export function withApi(route: string, handler: ApiHandler) {
  return async function apiRoute(request: Request, routeContext?: RouteContext): Promise<Response> {
    const startedAtMs = performance.now();
    const requestId = requestIdFor(request);
    let response: Response;
    try {
      const params = (await routeContext?.params) ?? {};
      response = await handler(request, { requestId, route, params, startedAtMs });
      response.headers.set("x-request-id", requestId);
    } catch (error) {
      const { expected } = toProblem(error);
      if (!expected) log.error({ err: error, requestId, route }, "unhandled error in route handler");
      response = problemResponse(error, { requestId, instance: new URL(request.url).pathname });
    }
    const latencyMs = Math.round((performance.now() - startedAtMs) * 10) / 10;
    log.info({ requestId, route, method: request.method, status: response.status, latencyMs }, "request");
    return response;
  };
}

/** A JSON response; `no-store` because every API answer is computed for this request. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...init.headers },
  });
}

/** For catch-alls and method guards. */
export function notFound(detail: string): never {
  throw new ApiError("not_found", detail);
}
