import { z } from "zod";
import { defineOperation } from "../http/operation";

/** Probes, and the answer every unknown /api path gets. */

export const health = defineOperation({
  operationId: "getHealth",
  method: "GET",
  path: "/api/health",
  tag: "Instance",
  summary: "Liveness: the process is up and serving (no dependencies checked)",
  auth: "public",
  scope: null,
  rateLimit: false,
  recordUsage: false,
  responses: { 200: { description: "Up", schema: z.object({ status: z.literal("ok"), uptime_s: z.number() }), example: { status: "ok", uptime_s: 42 } } },
});

export const readinessSchema = z.looseObject({
  ready: z.boolean(),
  shutting_down: z.boolean().optional(),
  database: z
    .looseObject({ ok: z.boolean(), kind: z.enum(["pglite", "postgres"]).optional(), error: z.string().optional() })
    .optional()
    .describe("Details (this and the rest): for an admin, or with `Authorization: Bearer <METRICS_TOKEN>`"),
  models: z.looseObject({ ok: z.boolean(), resolved: z.number(), available: z.number() }).optional(),
});

export const ready = defineOperation({
  operationId: "getReady",
  method: "GET",
  path: "/api/ready",
  tag: "Instance",
  summary:
    "Readiness: database reachable, migrations applied, model sessions loaded (503 until then, and while shutting down); the status for anyone, the details for an admin or the monitoring token",
  auth: "public",
  scope: null,
  rateLimit: false,
  recordUsage: false,
  responses: { 200: { description: "Ready (503 with the same body when not)", schema: readinessSchema } },
});

export const openApiDocument = defineOperation({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/openapi.json",
  tag: "Instance",
  summary: "This document",
  auth: "public",
  scope: null,
  rateLimit: false,
  recordUsage: false,
  responses: { 200: { description: "OpenAPI 3.1", schema: z.record(z.string(), z.unknown()) } },
});

export const metrics = defineOperation({
  operationId: "getMetrics",
  method: "GET",
  path: "/api/metrics",
  tag: "Instance",
  summary:
    "Prometheus metrics (text exposition format), for the operator: `Authorization: Bearer <METRICS_TOKEN>`; 403 unless a token is set or METRICS_PUBLIC=true (or scrape METRICS_PORT instead)",
  auth: "public",
  scope: null,
  rateLimit: false,
  recordUsage: false,
  responses: { 200: { description: "Prometheus text format 0.0.4", contentType: "text/plain" } },
});

export const unknownApiRoute = defineOperation({
  operationId: "unknownApiRoute",
  method: "ANY",
  path: "/api/*",
  tag: "Instance",
  summary: "Every API path no route claims: 404 problem+json",
  auth: "public",
  scope: null,
  internal: true,
  responses: {},
});

export const instanceOperations = [health, ready, metrics, openApiDocument];
