import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { authLimitOverridesSchema, planOverridesSchema } from "./rate-limit/plans";

/**
 * The one place the process environment is read. Every setting has an embedded default so the
 * app starts with no `.env`; a bad value stops start-up with a message naming the variable.
 */

const booleanFlag = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

/** A setting given as JSON text, parsed and then checked against `schema` (a bad one names itself at start-up). */
function jsonSetting<Schema extends z.ZodType>(schema: Schema) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema)
    .optional();
}

const sharedDir = (name: string) => {
  const candidate = path.resolve(process.cwd(), "..", "shared", name);
  return existsSync(candidate) ? candidate : undefined;
};

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Folder for everything the instance keeps: PGlite data, generated secret, model cache. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Unset: embedded PGlite in DATA_DIR/pglite. Set: PostgreSQL (scale-out, several app instances). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Folder holding model files by name (a local copy of upstream); defaults to ../shared/models when present. */
  MODEL_MIRROR_DIR: z.string().min(1).optional(),
  /** Where downloaded model files are kept; defaults to DATA_DIR/models. */
  MODEL_CACHE_DIR: z.string().min(1).optional(),
  /** Whether the model store may fetch a missing file from its pinned upstream URL. */
  MODEL_DOWNLOAD: booleanFlag.default(true),
  MODEL_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** Public evaluation data (photos, OCR pages, injection rows); defaults to ../shared/eval when present. */
  EVAL_DATA_DIR: z.string().min(1).optional(),
  /** Session secret; generated once into DATA_DIR when unset. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * Threads each ONNX Runtime session may use for one operator; 0 lets ONNX Runtime decide, except for
   * served sessions on inference threads (INFERENCE_THREADS > 0), which then get 1.
   */
  ORT_INTRA_OP_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /**
   * Threads that own the serving path's ONNX Runtime sessions (lib/inference/off-loop), so model runs
   * leave the event loop free; sessions are spread over at most this many (a value at or above the
   * number of sessions gives each its own). 0 runs sessions on the event loop (the old path, for comparison).
   */
  INFERENCE_THREADS: z.coerce.number().int().min(0).max(64).default(8),
  /**
   * Worker threads that run the CPU-bound safety layers (lib/workers) off the event loop; 0 runs them
   * inline on it. Default: the cores Node may use, so one process reaches the machine's limit.
   */
  SAFETY_WORKER_THREADS: z.coerce.number().int().min(0).max(64).default(availableParallelism()),
  /**
   * The prompt-injection network's weights; default models/safety/injection-classifier.json. When the
   * file cannot be read the detector answers on its signatures alone and every answer says it is degraded.
   */
  INJECTION_CLASSIFIER_FILE: z.string().min(1).optional(),
  /**
   * ONNX Runtime's `session.x64quantprecision` (exact U8U8 int8 kernels instead of U8S8 ones that
   * saturate on x86 CPUs without VNNI): "auto" sets it when a start-up probe sees this CPU's U8S8
   * kernels saturate, "on" always, "off" never (reproduces the saturation; for tests and measurements).
   */
  ORT_X64_QUANT_PRECISION: z.enum(["auto", "on", "off"]).default("auto"),
  /** Dynamic batching of model runs (per-model settings in models/manifest.json `serving`); "off" runs every request alone. */
  INFERENCE_BATCHING: booleanFlag.default(true),
  /** Requests one model may hold waiting for a session before new ones are refused with 503; 0: 16 per CPU core. */
  INFERENCE_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(0),
  /** An API request's deadline: model work still queued past it is not run and the request is answered 503. */
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Largest request body accepted by /api/v1, in bytes. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(15 * 1024 * 1024),
  /** Largest decoded image accepted, in pixels (decompression-bomb guard). */
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(1024).max(500_000_000).default(40_000_000),
  /**
   * How many reverse proxies of yours stand in front of the app: the client address is then the n-th
   * X-Forwarded-For entry from the right (scripts/client-address.mjs). 0 (default): the socket's peer.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Or: the addresses/CIDR ranges of your proxies, comma-separated; X-Forwarded-For is read from the right past them. */
  TRUSTED_PROXIES: z
    .string()
    .regex(/^\s*[0-9a-fA-F:.]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F:.]+(\/\d{1,3})?)*\s*$/, "must be IP addresses or CIDR ranges, comma-separated")
    .optional(),
  /**
   * Overrides of the sign-in, sign-up and guest-creation limits (lib/rate-limit/plans.ts), as JSON,
   * e.g. `{"signUpPerAddress":[{"quota":1000,"windowSeconds":3600}]}` for a test server that signs up many accounts.
   */
  AUTH_LIMITS: jsonSetting(authLimitOverridesSchema),
  /**
   * Pixels being decoded at once in this process, all requests together (lib/inference/image/decode-budget.ts):
   * bounds the decoders' memory. A decode larger than the budget runs alone. Default: one maximum-size image.
   */
  IMAGE_DECODE_PIXEL_BUDGET: z.coerce.number().int().min(1024).max(2_000_000_000).default(40_000_000),
  /** GitHub OAuth sign-in is offered only when both are set. */
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  /** How long a guest (a visitor who has not signed up) and everything they did is kept. */
  GUEST_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(24),
  /** Overrides of the rate-limit plans (lib/rate-limit/plans.ts), as JSON. */
  RATE_LIMITS: jsonSetting(planOverridesSchema),
  /**
   * The API's rate limits are counted in memory and synchronised with the shared counters (lib/rate-limit/synced-limiter.ts):
   * a counter syncs once it has this many unsent units (capped at a tenth of its quota, at least 1), and every RATE_LIMIT_SYNC_MS.
   * With N instances a window admits at most quota + N·(threshold − 1); 1 makes every request a database round trip (exact).
   */
  RATE_LIMIT_SYNC_HITS: z.coerce.number().int().min(1).max(1_000).default(10),
  RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Usage rows are buffered and written as one insert of up to USAGE_FLUSH_ROWS rows at least every USAGE_FLUSH_MS (lib/usage/usage-buffer.ts). */
  USAGE_FLUSH_ROWS: z.coerce.number().int().min(1).max(10_000).default(200),
  USAGE_FLUSH_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** How long an API key's verification (and a revocation) may be cached by one instance. */
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Whether this process works the job queue (batches, benchmarks, variants, campaigns, webhooks); `npm run worker` always does. */
  WORK_QUEUE: booleanFlag.default(true),
  /** Batch items one process works on at once (each is one analysis: keep it near the cores). */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  /** A batch item not finished this long after it started (its process died, say) is retried. */
  JOB_ITEM_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** A single-runner job (benchmark run, campaign, variant) whose heartbeat is older than this is marked failed. */
  JOB_STALE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(90),
  /** Most items one batch may hold. */
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Hosts (names or IP addresses) webhooks may be sent to although they are private or loopback, comma-separated. */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .default([]),
  /** One delivery attempt's total deadline: DNS, connecting and the receiver's whole answer, over every redirect. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Delivery attempts one tenant may have in flight per process (of its 4 delivery workers), so a slow receiver cannot starve the others. */
  WEBHOOK_TENANT_CONCURRENCY: z.coerce.number().int().min(1).max(4).default(1),
  /** Attempts after the first; pg-boss spaces them exponentially from WEBHOOK_RETRY_DELAY_SECONDS, with jitter. */
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(8),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
  /** Hourly usage roll-ups older than this are deleted (raw rows are rolled up within the hour). */
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /**
   * Which checked-in recipes (models/recipes) the start-up model lab queues for production when their
   * variant is missing: "quick" (the seconds-long YOLOX ones), "all", "none", or a list of recipe ids.
   */
  MODEL_LAB_RECIPES: z
    .string()
    .regex(/^(all|none|quick|[a-z0-9][a-z0-9.-]*(,[a-z0-9][a-z0-9.-]*)*)$/, 'must be "quick", "all", "none" or a comma-separated list of recipe ids')
    .default("quick"),
  /**
   * An Open Inference Protocol v2 server (another instance of this app, Triton, KServe) that runs the
   * models instead of this process: every ONNX session is then a remote one (lib/inference/backend).
   */
  INFERENCE_BACKEND_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** Sent as `Authorization: Bearer` to INFERENCE_BACKEND_URL (for this app as backend: an API key with the `analyze` scope). */
  INFERENCE_BACKEND_TOKEN: z.string().min(1).optional(),
  /** How long one remote inference may take before the call fails with 503. */
  INFERENCE_BACKEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Largest body of `POST /v2/models/{name}/infer` (a page for OCR detection is ~20 MB as binary float32). */
  OIP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(96 * 1024 * 1024),
  /** Most tensor elements one infer request may carry, all inputs together. */
  OIP_MAX_ELEMENTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .default(16 * 1024 * 1024),
  /** Run a short model benchmark in the background after start-up so the dashboard is never empty. */
  BENCHMARK_ON_START: booleanFlag.default(true),
  /**
   * The operator's monitoring token: `Authorization: Bearer <token>` scrapes GET /api/metrics on the public port
   * and reads /api/ready's details (database, migrations, models with their reasons, inference backend).
   */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** GET /api/metrics on the public port without a token: off unless the operator says so (the port is private). */
  METRICS_PUBLIC: booleanFlag.default(false),
  /** Set: the metrics are also served at `GET /metrics` on their own listener, this port on METRICS_HOST (no token). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Where the METRICS_PORT listener binds: loopback by default, so only the machine (or a sidecar) reaches it. */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** On SIGTERM/SIGINT, the most time in-flight requests, job items and clean-up get before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  /**
   * How long /api/ready answers 503 before the listener closes, so a load balancer stops sending new
   * requests first (about 5000 behind one: its probe interval times the failures it needs); 0 alone.
   */
  SHUTDOWN_READINESS_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /**
   * An OpenAI-compatible embeddings endpoint (`…/v1`, serving `POST /embeddings`) that replaces the local
   * sentence encoder everywhere texts are embedded; with it, EMBEDDING_MODEL names the model.
   */
  EMBEDDING_PROVIDER_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  EMBEDDING_MODEL: z.string().min(1).max(200).optional(),
  /** Sent as `Authorization: Bearer` to EMBEDDING_PROVIDER_URL; never logged or returned. */
  EMBEDDING_API_KEY: z.string().min(1).optional(),
  /**
   * The assistant's language model: any OpenAI-compatible chat endpoint (`…/v1`, serving
   * `POST /chat/completions` with tool calls): a hosted API, Ollama, vLLM, llama.cpp's server.
   * Unset: the assistant answers `available: false` and says how to enable it.
   */
  ASSISTANT_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  ASSISTANT_MODEL: z.string().min(1).max(200).optional(),
  /** Sent as `Authorization: Bearer` to ASSISTANT_BASE_URL; never logged or returned. */
  ASSISTANT_API_KEY: z.string().min(1).optional(),
  /** Most model steps (a step is one model call; tool calls lead to the next step) in one assistant turn. */
  ASSISTANT_MAX_STEPS: z.coerce.number().int().min(1).max(20).default(6),
  /** Next's own switch, set by scripts/start.mjs: Next leaves SIGTERM/SIGINT to lib/instance/shutdown.ts. */
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  /**
   * Next's own name (read by the standalone server.js; scripts/start.mjs passes it as --keepAliveTimeout):
   * how long an idle keep-alive connection stays open. Above a load balancer's idle timeout (60 s on the
   * common ones), so the balancer, not the app, closes idle connections and never sends on one the app shut.
   */
  KEEP_ALIVE_TIMEOUT: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
});

export type Env = z.infer<typeof envSchema> & {
  modelMirrorDir: string | undefined;
  modelCacheDir: string;
  evalDataDir: string | undefined;
  dataDir: string;
};

export class EnvError extends Error {
  constructor(public readonly issues: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" +
        issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n") +
        "\nFix the variable(s) above (see the configuration table in README.md) and start again.",
    );
    this.name = "EnvError";
  }
}

/** Parses an environment object; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "?"), message: issue.message })));
  }
  const env = result.data;
  // An endpoint without a model name cannot be called: say so at start-up, not at the first request.
  const missingModel = [
    ["EMBEDDING_PROVIDER_URL", "EMBEDDING_MODEL"],
    ["ASSISTANT_BASE_URL", "ASSISTANT_MODEL"],
  ].filter(([url, model]) => env[url as keyof typeof env] !== undefined && env[model as keyof typeof env] === undefined);
  if (missingModel.length > 0) throw new EnvError(missingModel.map(([url, model]) => ({ variable: model, message: `is required when ${url} is set` })));
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    dataDir,
    modelMirrorDir: env.MODEL_MIRROR_DIR ? path.resolve(env.MODEL_MIRROR_DIR) : sharedDir("models"),
    modelCacheDir: env.MODEL_CACHE_DIR ? path.resolve(env.MODEL_CACHE_DIR) : path.join(dataDir, "models"),
    evalDataDir: env.EVAL_DATA_DIR ? path.resolve(env.EVAL_DATA_DIR) : sharedDir("eval"),
  };
}

let cached: Env | undefined;

/** The validated environment of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For a process's entry point: the environment, or the bad variables named on stderr and exit code 1. */
export function getEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
