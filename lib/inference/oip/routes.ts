import "server-only";
import { ApiError } from "../../errors";
import { jsonResponse, withApi, type ApiContext } from "../../http/with-api";
import { inferOverHttp } from "./infer";
import { modelReadiness, servedModel, servedModelMetadata, serverMetadata, serverReadiness } from "./served-model";

/**
 * The handlers of the /v2 routes (Open Inference Protocol v2 REST), each made for its route pattern
 * so the versioned and unversioned paths share one body. All go through `withApi` with
 * `errorMember`: problem+json that also carries the protocol's `error` string.
 */

const param = (context: ApiContext, key: string): string | undefined => {
  const value = context.params[key];
  return typeof value === "string" ? value : undefined;
};

const probe = { auth: "public", rateLimit: false, recordUsage: false, errorMember: true } as const;
const metadata = { auth: "public", errorMember: true } as const;

export const serverLiveRoute = () => withApi({ route: "GET /v2/health/live", ...probe }, () => jsonResponse({ live: true }));

export const serverReadyRoute = () =>
  withApi({ route: "GET /v2/health/ready", ...probe }, async () => {
    const { ready } = await serverReadiness();
    if (!ready) throw new ApiError("service_unavailable", "The server is not ready (GET /api/ready says why).", { ready: false, headers: { "retry-after": "5" } });
    return jsonResponse({ ready: true });
  });

export const serverMetadataRoute = () => withApi({ route: "GET /v2", ...metadata }, () => jsonResponse(serverMetadata()));

export const modelMetadataRoute = (route: string) =>
  withApi({ route, ...metadata }, async (_request, context) => jsonResponse(await servedModelMetadata(param(context, "name")!, param(context, "version"))));

export const modelReadyRoute = (route: string) =>
  withApi({ route, ...metadata }, async (_request, context) => {
    const name = param(context, "name")!;
    const { ready, reason } = await modelReadiness(name, param(context, "version"));
    if (!ready) throw new ApiError("model_unavailable", `Model "${name}" is not ready: ${reason}`, { model: name, ready: false });
    return jsonResponse({ name, ready: true });
  });

export const inferRoute = (route: string) =>
  withApi({ route, auth: "key", scope: "analyze", rateLimit: { cost: 1 }, errorMember: true }, async (request, context) => {
    const loaded = await servedModel(param(context, "name")!, param(context, "version"));
    context.models.push(loaded.entry.id);
    return inferOverHttp(request, loaded, context.requestId);
  });

export const unknownV2Route = () =>
  withApi({ route: "ANY /v2/*", auth: "public", errorMember: true }, (request) => {
    throw new ApiError("not_found", `No Open Inference Protocol route ${request.method} ${new URL(request.url).pathname} (see /v2 and /v2/models/{name}).`);
  });
