import { z } from "zod";
import { defineOperation, type Operation, type ServedPath } from "../http/operation";
import { inferRequestSchema } from "../inference/oip/infer-request";
import { modelMetadataSchema, tensorMetadataSchema } from "../inference/oip/model-metadata";

/**
 * The Open Inference Protocol v2 routes (KServe / Triton REST) as operations. Problems also carry the
 * protocol's `error` member (`errorMember`). The infer body is read by its handler, because the
 * binary tensor extension frames JSON and raw bytes in one body (lib/inference/oip/binary-data.ts).
 */

const TAG = "Open Inference Protocol v2";
const probe = { tag: TAG, auth: "public", scope: null, rateLimit: false, recordUsage: false, errorMember: true } as const;
const name = { name: "A model id of GET /api/v1/models (runtime onnxruntime), variants included" };
const versioned = { ...name, version: "The model's version (its manifest version)" };

export const v2Live = defineOperation({
  ...probe,
  operationId: "oipServerLive",
  method: "GET",
  path: "/v2/health/live",
  summary: "Server liveness",
  responses: { 200: { description: "Live", schema: z.object({ live: z.boolean() }) } },
});
export const v2Ready = defineOperation({
  ...probe,
  operationId: "oipServerReady",
  method: "GET",
  path: "/v2/health/ready",
  summary: "Server readiness (503 until ready)",
  responses: { 200: { description: "Ready", schema: z.object({ ready: z.boolean() }) } },
});
export const v2Server = defineOperation({
  tag: TAG,
  auth: "public",
  scope: null,
  errorMember: true,
  operationId: "oipServerMetadata",
  method: "GET",
  path: "/v2",
  summary: "Server metadata: name, version, protocol extensions",
  responses: { 200: { description: "Server metadata", schema: z.object({ name: z.string(), version: z.string(), extensions: z.array(z.string()) }) } },
});

/**
 * A per-model operation, served both unversioned and versioned (`/v2/models/{name}/…` and
 * `…/versions/{version}/…`): the parts they share, with each path checked against the route folders.
 */
type ModelOperation = Omit<Operation<undefined, undefined>, "operationId" | "path" | "params" | "tag" | "errorMember">;
const modelOperation = <const P extends string>(
  operationId: string,
  path: P & ServedPath<P>,
  params: Record<string, string>,
  operation: ModelOperation,
): Operation<undefined, undefined, P> => ({ ...operation, tag: TAG, errorMember: true, operationId, path, params });

const metadata: ModelOperation = {
  auth: "public",
  scope: null,
  method: "GET",
  summary: "Model metadata: versions, platform, input and output tensors (-1: dynamic dimension)",
  responses: { 200: { description: "Model metadata", schema: modelMetadataSchema } },
};
const readiness: ModelOperation = {
  auth: "public",
  scope: null,
  method: "GET",
  summary: "Model readiness (503 when its session cannot be had)",
  responses: { 200: { description: "Ready", schema: z.object({ name: z.string(), ready: z.boolean() }) } },
};
const inferResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string().optional(),
  id: z.string().optional(),
  outputs: z.array(tensorMetadataSchema.extend({ data: z.array(z.unknown()).optional(), parameters: z.record(z.string(), z.unknown()).optional() })),
});
const inference: ModelOperation = {
  auth: "key",
  scope: "analyze",
  method: "POST",
  summary: "Run the model on tensors (JSON, or the binary tensor data extension with Inference-Header-Content-Length)",
  handlerReadsBody: {
    schema: inferRequestSchema,
    example: { inputs: [{ name: "x", shape: [1, 3, 48, 192], datatype: "FP32", data: [0, 0, 0] }] },
    otherContentTypes: ["application/octet-stream"],
  },
  responses: { 200: { description: "Output tensors (binary framing when asked with binary_data_output)", schema: inferResponseSchema } },
};

export const v2ModelMetadata = modelOperation("oipModelMetadata", "/v2/models/{name}", name, metadata);
export const v2ModelVersionMetadata = modelOperation("oipModelVersionMetadata", "/v2/models/{name}/versions/{version}", versioned, metadata);
export const v2ModelReady = modelOperation("oipModelReady", "/v2/models/{name}/ready", name, readiness);
export const v2ModelVersionReady = modelOperation("oipModelVersionReady", "/v2/models/{name}/versions/{version}/ready", versioned, readiness);
export const v2Infer = modelOperation("oipInfer", "/v2/models/{name}/infer", name, inference);
export const v2VersionInfer = modelOperation("oipVersionInfer", "/v2/models/{name}/versions/{version}/infer", versioned, inference);

export const v2Unknown = defineOperation({
  tag: TAG,
  auth: "public",
  scope: null,
  errorMember: true,
  internal: true,
  operationId: "oipUnknownRoute",
  method: "ANY",
  path: "/v2/*",
  summary: "Unknown /v2 paths: 404",
  responses: {},
});

export const inferenceProtocolOperations: Operation[] = [
  v2Live,
  v2Ready,
  v2Server,
  v2ModelMetadata,
  v2ModelVersionMetadata,
  v2ModelReady,
  v2ModelVersionReady,
  v2Infer,
  v2VersionInfer,
];
