import "server-only";
import { ApiError } from "@/lib/errors";
import * as api from "@/lib/api-contract/inference-protocol";
import type { Operation } from "@/lib/http/operation";
import { jsonResponse, withApi, type ApiContext } from "@/lib/http/with-api";
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

export const serverLiveRoute = () => withApi(api.v2Live, () => jsonResponse({ live: true }));

export const serverReadyRoute = () =>
  withApi(api.v2Ready, async () => {
    const { ready } = await serverReadiness();
    if (!ready)
      throw new ApiError("service_unavailable", "The server is not ready (GET /api/ready says why).", { ready: false, headers: { "retry-after": "5" } });
    return jsonResponse({ ready: true });
  });

export const serverMetadataRoute = () => withApi(api.v2Server, () => jsonResponse(serverMetadata()));

export const modelMetadataRoute = (operation: Operation) =>
  withApi(operation, async (_request, context) => jsonResponse(await servedModelMetadata(param(context, "name")!, param(context, "version"))));

export const modelReadyRoute = (operation: Operation) =>
  withApi(operation, async (_request, context) => {
    const name = param(context, "name")!;
    const { ready, reason } = await modelReadiness(name, param(context, "version"));
    if (!ready) throw new ApiError("model_unavailable", `Model "${name}" is not ready: ${reason}`, { model: name, ready: false });
    return jsonResponse({ name, ready: true });
  });

export const inferRoute = (operation: Operation) =>
  withApi(operation, async (request, context) => {
    const loaded = await servedModel(param(context, "name")!, param(context, "version"));
    context.models.push(loaded.entry.id);
    return inferOverHttp(request, loaded, context.requestId);
  });

export const unknownV2Route = () =>
  withApi(api.v2Unknown, (request) => {
    throw new ApiError("not_found", `No Open Inference Protocol route ${request.method} ${new URL(request.url).pathname} (see /v2 and /v2/models/{name}).`);
  });
