import { z } from "zod";
import { MAX_RUN_COUNT } from "../benchmarks/benchmark-limits";
import { loadBenchmarksResponseSchema } from "../benchmarks/load/load-run-schema";
import { benchmarkRunSchema, benchmarksResponseSchema, startRunRequestSchema } from "../inference/measurement/result-schema";
import { defineOperation } from "../http/operation";
import { snakeCaseSchema } from "../http/snake-case";
import { instanceModelsSchema } from "../instance/instance-models-schema";
import { jobListSchema, jobViewSchema } from "../jobs/job-view";

/** Models, variants and benchmarks (the public dashboard's data). */

export const listModels = defineOperation({
  operationId: "listModels",
  method: "GET",
  path: "/api/v1/models",
  tag: "Models",
  summary:
    "Every model and variant with task, size, availability (and why not), licence and source; the CPU's int8 features and remedy; per role, the variant served by default and why",
  auth: "public",
  scope: null,
  responses: { 200: { description: "Models", schema: instanceModelsSchema } },
});

export const queueVariantsRequestSchema = z.strictObject({
  recipes: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1).max(50)]).describe('Recipe ids from models/recipes, or "all"'),
});

export const queueVariants = defineOperation({
  operationId: "queueVariants",
  method: "POST",
  path: "/api/v1/models/variants",
  tag: "Models",
  summary: "Queue the production of optimised variants from models/recipes (admin); 202 with the jobs",
  auth: "user",
  scope: "admin",
  rateLimit: { cost: 10 },
  body: { schema: queueVariantsRequestSchema, maxBytes: () => 8 * 1024, example: { recipes: ["yolox-nano-int8"] } },
  responses: { 202: { description: "The queued jobs (recipes already served or queued are left out)", schema: jobListSchema } },
});

// Not strict here: the handler refuses unknown and repeated parameters itself, naming them (parseBenchmarksQuery).
export const benchmarksQuerySchema = z.object({
  runs: z
    .string()
    .regex(/^\d{1,3}$/, `must be a whole number from 1 to ${MAX_RUN_COUNT}`)
    .optional()
    .describe(`How many recent runs to list (1..${MAX_RUN_COUNT}, default 20)`),
});

export const getBenchmarks = defineOperation({
  operationId: "getBenchmarks",
  method: "GET",
  path: "/api/v1/benchmarks",
  tag: "Benchmarks",
  summary: "Newest figures per model variant on one machine, recent runs, and what is still being measured",
  auth: "public",
  scope: null,
  query: benchmarksQuerySchema,
  responses: { 200: { description: "Figures", schema: snakeCaseSchema(benchmarksResponseSchema) } },
});

export const startBenchmarkRun = defineOperation({
  operationId: "startBenchmarkRun",
  method: "POST",
  path: "/api/v1/benchmarks/runs",
  tag: "Benchmarks",
  summary: "Queue a benchmark run (an admin account, or a key with benchmarks:run); 202 with its job",
  auth: "user",
  scope: "benchmarks:run",
  rateLimit: { cost: 10 },
  body: { schema: startRunRequestSchema, multipart: false, emptyIsObject: true, maxBytes: () => 16 * 1024, example: { preset: "quick" } },
  responses: { 202: { description: "The job", schema: jobViewSchema, headers: { location: "The job's status URL" } } },
});

export const getBenchmarkRun = defineOperation({
  operationId: "getBenchmarkRun",
  method: "GET",
  path: "/api/v1/benchmarks/runs/{id}",
  tag: "Benchmarks",
  summary: "One benchmark run with its results so far",
  auth: "public",
  scope: null,
  params: { id: "The run id" },
  responses: { 200: { description: "The run", schema: snakeCaseSchema(benchmarkRunSchema) } },
});

export const getLoadBenchmarks = defineOperation({
  operationId: "getLoadBenchmarks",
  method: "GET",
  path: "/api/v1/benchmarks/load",
  tag: "Benchmarks",
  summary:
    "The newest HTTP load benchmark run (npm run bench:load): throughput, latency percentiles, statuses, CPU and RSS per route, concurrency and batching switch",
  auth: "public",
  scope: null,
  responses: { 200: { description: "The newest load run, or null when none was stored", schema: snakeCaseSchema(loadBenchmarksResponseSchema) } },
});

export const modelOperations = [listModels, queueVariants, getBenchmarks, startBenchmarkRun, getBenchmarkRun, getLoadBenchmarks];
