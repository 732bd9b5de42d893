import { z } from "zod";
import { problemStatusByCode } from "../errors";
import type { Operation, ResponseSpec } from "../http/operation";
import { problemSchema } from "./problem-schema";
import { operationExample } from "./operation-example";
import { publicOperations } from "./operations";

/**
 * The OpenAPI 3.1 document of the public API, generated from the operations the route handlers run
 * through (lib/api-contract/*.ts) with zod's own JSON Schema output (draft 2020-12, the dialect of
 * OpenAPI 3.1). Request bodies are described as the wrapper reads them: JSON with files as base64
 * strings, and multipart with files as binary parts where the operation takes files.
 */

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

const rateLimitHeaders = {
  RateLimit: { description: 'Remaining quota per policy (IETF draft-ietf-httpapi-ratelimit-headers), e.g. `"minute";r=58;t=31`', schema: { type: "string" } },
  "RateLimit-Policy": { description: 'The caller\'s policies: quota `q` per window `w` seconds, e.g. `"minute";q=60;w=60`', schema: { type: "string" } },
  "X-Request-Id": { description: "The request id, also in logs and problem documents", schema: { type: "string" } },
};

function bodyContent(operation: Operation): JsonSchema | undefined {
  if (operation.handlerReadsBody) {
    const { schema, example, otherContentTypes = [] } = operation.handlerReadsBody;
    return { "application/json": { schema: toSchema(schema, "input"), example }, ...Object.fromEntries(otherContentTypes.map((type) => [type, {}])) };
  }
  const spec = operation.body;
  if (!spec) return undefined;
  const values = toSchema(spec.schema, "input") as { properties?: JsonSchema; required?: string[] };
  const files = Object.entries(spec.files ?? {});
  const withFiles = (fileSchema: (description: string, repeated: boolean) => JsonSchema) => ({
    ...values,
    properties: { ...values.properties, ...Object.fromEntries(files.map(([name, file]) => [name, fileSchema(file.description, Boolean(file.repeated))])) },
    required: [...(values.required ?? []), ...files.filter(([, file]) => file.required).map(([name]) => name)],
  });
  const jsonFiles = files.filter(([, file]) => !file.repeated);
  const content: JsonSchema = {
    "application/json": {
      schema: jsonFiles.length
        ? withFiles((description) => ({ type: "string", contentEncoding: "base64", description: `${description}: base64 or a data URL` }))
        : values,
      example: spec.example,
    },
  };
  if (spec.multipart ?? files.length > 0) {
    content["multipart/form-data"] = {
      schema: withFiles((description, repeated) =>
        repeated
          ? { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" }, description }
          : { type: "string", contentMediaType: "application/octet-stream", description },
      ),
    };
  }
  return content;
}

function successResponse(spec: ResponseSpec): JsonSchema {
  const headers: JsonSchema = { ...rateLimitHeaders };
  for (const [name, description] of Object.entries(spec.headers ?? {})) headers[name] = { description, schema: { type: "string" } };
  const body = spec.schema
    ? {
        [spec.contentType ?? "application/json"]: { schema: toSchema(spec.schema, "output"), ...(spec.example === undefined ? {} : { example: spec.example }) },
      }
    : spec.contentType
      ? { [spec.contentType]: {} }
      : undefined;
  return { description: spec.description, headers, ...(body ? { content: body } : {}) };
}

const errorStatuses = (operation: Operation): number[] => {
  const statuses = new Set([400, 500]);
  if (operation.auth !== "public") [401, 403].forEach((s) => statuses.add(s));
  if (operation.rateLimit !== false) statuses.add(429);
  if (operation.params) statuses.add(404);
  if (operation.body || operation.handlerReadsBody) [413, 415].forEach((s) => statuses.add(s));
  // Model work: a model that cannot be had, a full model queue or a request past its deadline.
  if (operation.tag === "Analyze" || operation.tag === "Safety" || operation.tag === "Assistant" || operation.path.endsWith("/infer")) statuses.add(503);
  return [...statuses].sort();
};

function describeOperation(operation: Operation): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, spec] of Object.entries(operation.responses)) responses[status] = successResponse(spec);
  for (const status of errorStatuses(operation)) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  const parameters = [
    ...Object.entries(operation.params ?? {}).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string", maxLength: 200 },
    })),
    ...queryParameters(operation),
  ];
  const content = bodyContent(operation);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: security(operation),
    ...(operation.auth === "public" ? {} : { "x-required-scope": operation.scope ?? null }),
    ...(parameters.length ? { parameters } : {}),
    ...(content ? { requestBody: { required: !operation.body?.emptyIsObject, content } } : {}),
    ...(operation.errorMember ? { "x-problem-error-member": true } : {}),
    responses,
    "x-codeSamples": [{ lang: "curl", label: "curl", source: operationExample(operation) }],
  };
}

function queryParameters(operation: Operation): JsonSchema[] {
  if (!operation.query) return [];
  const schema = toSchema(operation.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

// Public routes still identify a caller who authenticates (their limits apply), so both are optional there.
function security(operation: Operation): JsonSchema[] {
  if (operation.auth === "public") return [{}, { bearerKey: [] }, { session: [] }];
  if (operation.auth === "session") return [{ session: [] }];
  return [{ bearerKey: [] }, { session: [] }];
}

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const operation of publicOperations) {
    if (operation.internal || operation.method === "ANY") continue;
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = describeOperation(operation);
  }
  const problem = toSchema(problemSchema, "output");
  const problemResponses = Object.fromEntries(
    [...new Set(Object.values(problemStatusByCode))].map((status) => [
      `Problem${status}`,
      {
        description: `Problem (RFC 9457), codes: ${Object.entries(problemStatusByCode)
          .filter(([, s]) => s === status)
          .map(([code]) => code)
          .join(", ")}`,
        headers:
          status === 429 || status === 503
            ? { "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer" } }, ...rateLimitHeaders }
            : rateLimitHeaders,
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Insight Engine API",
      version: "1.0.0",
      description:
        "Multimodal machine learning over HTTP: images, documents, multilingual text and safety checks, with batches, signed webhooks and benchmarks. Authenticate with an API key (`Authorization: Bearer ie_…`, create one on /keys) or the browser session. Every error is `application/problem+json`; every answer carries the RateLimit headers. All JSON members are snake_case.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [...new Set(publicOperations.filter((o) => !o.internal).map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: problem },
      responses: problemResponses,
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", bearerFormat: "ie_…", description: "An API key from /keys or POST /api/v1/keys" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser session of a signed-in user or guest (state-changing calls also need a same-origin Origin header)",
        },
      },
    },
  };
}
