import "server-only";
import { recordKeyUse } from "../auth/api-keys/verify-key";
import { clientAddressOf } from "../auth/client-address";
import { resolvePrincipal, type Principal } from "../auth/principal";
import { getDb, type Database } from "../db/client";
import { ApiError, problemResponse, toProblem } from "../errors";
import { log } from "../log";
import { observeRequest } from "../metrics/observe";
import { limitCaller } from "../rate-limit/limit-caller";
import { requestBudgetMs, runWithDeadline } from "../request-deadline";
import { recordUsage } from "../usage/record-usage";
import { runAfterResponse } from "../after-response";
import { getEnv } from "../env";
import { authorize } from "./authorize";
import { routeLabel, type Operation, type OperationInput, type RouteParamsOf } from "./operation";
import { readRequestBody, type RequestBody } from "./read-request-body";
import { requestIdFor } from "./request-id";
import { isStreamedAnswer, whenStreamEnds } from "./when-stream-ends";

/**
 * The one wrapper every API route handler goes through, driven by the route's declared Operation
 * (lib/http/operation.ts; the OpenAPI document comes from the same declarations). In order: a
 * request id; who is calling (API key, session or nobody) and whether that is enough for the route
 * (`auth`, `scope`, CSRF on cookie-authenticated writes); the rate limit (429 with Retry-After,
 * RateLimit headers on every answer); the query and body, read by the one body reader and validated
 * with the operation's schemas; the handler, under the request's deadline (REQUEST_DEADLINE_MS); every thrown error as problem+json (unexpected ones
 * logged with the id, never leaked); one log line; and, after the response is sent (for a streamed
 * answer: after its last byte), the usage row and the key's last-used time. Handlers never repeat any of it.
 */

export interface ApiContext {
  requestId: string;
  route: string;
  params: Record<string, string | string[] | undefined>;
  startedAtMs: number;
  principal: Principal;
  /** The connection the wrapper opened for authentication and limits; undefined on a route that needs neither. */
  db: Database | undefined;
  /**
   * The one way a handler reaches the database: the wrapper's connection, or one opened now on a
   * route that needed none before (with the same 503 when the database is unreachable). Routes never
   * call getDb() themselves; what they read or write is a query function of lib/db/queries/<domain>.ts.
   */
  database(): Promise<Database>;
  /** Model ids the call ran, for the usage record. */
  models: string[];
  /** Counts `units` more against the caller's limits (a batch costs one per item); throws 429 past a quota. */
  chargeRateLimit(units: number): Promise<void>;
}

export type ApiHandler<O extends Operation = Operation> = (
  request: Request,
  context: Omit<ApiContext, "params"> & {
    /** The path's params as Next's generated route types name them (`{ id: string }` for `/api/v1/batch/{id}`). */
    params: RouteParamsOf<O["path"]>;
    input: OperationInput<O> & { upload: RequestBody | undefined };
  },
) => Promise<Response> | Response;

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

const anonymous = (request: Request): Principal => ({ kind: "anonymous", clientAddress: clientAddressOf(request), scopes: [] });

async function openDb(): Promise<Database> {
  try {
    return await getDb();
  } catch {
    throw new ApiError("service_unavailable", "The database is not reachable right now; try again shortly (GET /api/ready reports it).", {
      headers: { "retry-after": "5" },
    });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: any operation's literal types flow into its handler's input
export function withApi<O extends Operation<any, any>>(operation: O, handler: ApiHandler<O>) {
  const options = { ...operation, route: routeLabel(operation) };
  const limited = options.rateLimit !== false;
  const needsDb = limited || options.auth !== "public";
  return async function apiRoute(request: Request, routeContext?: RouteContext): Promise<Response> {
    const startedAtMs = performance.now();
    const requestId = requestIdFor(request);
    let limitHeaders: Record<string, string> = {};
    const context: ApiContext = {
      requestId,
      route: options.route,
      params: {},
      startedAtMs,
      principal: anonymous(request),
      db: undefined,
      async database() {
        context.db ??= await openDb();
        return context.db;
      },
      models: [],
      async chargeRateLimit(units) {
        if (units <= 0 || !context.db || options.rateLimit === false) return;
        limitHeaders = await limitCaller({ db: context.db, principal: context.principal, cost: units });
      },
    };
    let response: Response;
    try {
      context.params = (await routeContext?.params) ?? {};
      refuseNulCharacters(context.params, "path");
      if (needsDb) {
        context.db = await openDb();
        // A refused caller is still counted and gets the RateLimit headers like every other answer:
        // as who they are when only the permission is missing, as their address when the credential
        // itself is bad (so guessing keys is rate-limited too).
        let refusal: unknown;
        try {
          context.principal = await resolvePrincipal({ db: context.db, request });
        } catch (error) {
          refusal = error;
        }
        if (!refusal) {
          try {
            authorize(request, context.principal, options);
          } catch (error) {
            refusal = error;
          }
        }
        // A refusal costs one unit, whatever the work it would have started.
        const cost = !refusal && options.rateLimit ? options.rateLimit.cost : 1;
        if (limited) limitHeaders = await limitCaller({ db: context.db, principal: context.principal, cost });
        if (refusal) throw refusal;
      }
      refuseOverlongParams(context.params, options);
      const input = await readInput(request, operation);
      // The deadline counts from arrival; model queues read it (lib/request-deadline.ts) to refuse work that would start too late.
      const deadline = { requestId, deadlineAtMs: startedAtMs + requestBudgetMs(request, getEnv().REQUEST_DEADLINE_MS) };
      response = await runWithDeadline(deadline, () =>
        // The params are the route's own: defineOperation only compiles a path whose route folder Next generated.
        handler(request, {
          ...context,
          params: context.params as RouteParamsOf<O["path"]>,
          input: input as OperationInput<O> & { upload: RequestBody | undefined },
        }),
      );
    } catch (error) {
      if (!toProblem(error).expected) log.error({ err: error, requestId, route: options.route }, "unhandled error in route handler");
      response = problemResponse(error, { requestId, instance: new URL(request.url).pathname, errorMember: options.errorMember });
    }
    response.headers.set("x-request-id", requestId);
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    const elapsedMs = () => Math.round((performance.now() - startedAtMs) * 10) / 10;
    const status = response.status;
    const finish = (streamed?: { firstByteMs: number; bytesOut: number }) => {
      const latencyMs = elapsedMs();
      log.info({ requestId, route: options.route, method: request.method, status, latencyMs, ...streamed, caller: context.principal.kind }, "request");
      observeRequest({ route: options.route, method: request.method, status, seconds: latencyMs / 1000 });
      const bytesOut = streamed?.bytesOut ?? (Number(response.headers.get("content-length")) || 0);
      if (options.recordUsage !== false && context.db) scheduleUsage(request, status, bytesOut, context, latencyMs);
    };
    // A streamed answer is counted when its last byte has gone (or the client left), not at its headers.
    if (isStreamedAnswer(response)) {
      const firstByteMs = elapsedMs();
      return whenStreamEnds(response, (bytesOut) => finish({ firstByteMs, bytesOut }));
    }
    finish();
    return response;
  };
}

/** Path ids are documented as at most 200 characters: a longer one names nothing, whatever the route stores. */
const MAX_PATH_PARAM_CHARS = 200;

function refuseOverlongParams(params: ApiContext["params"], operation: Operation): void {
  for (const name of Object.keys(operation.params ?? {})) {
    const value = params[name];
    if (typeof value === "string" && value.length > 0 && value.length <= MAX_PATH_PARAM_CHARS) continue;
    throw new ApiError("not_found", `No ${operation.path} with that ${name}: ${name} is at most ${MAX_PATH_PARAM_CHARS} characters.`);
  }
}

/** The query and body as the operation declares them; a mismatch is a 4xx (ZodError → invalid_input). */
async function readInput(request: Request, operation: Operation) {
  const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
  refuseNulCharacters(rawQuery, "query");
  const query = operation.query ? operation.query.parse(rawQuery) : undefined;
  const spec = operation.body;
  if (!spec) return { query, body: undefined, upload: undefined };
  const fileFields = Object.entries(spec.files ?? {});
  const upload = await readRequestBody(request, {
    maxBytes: spec.maxBytes?.() ?? getEnv().MAX_BODY_BYTES,
    fileFields: fileFields.filter(([, file]) => !file.repeated).map(([name]) => name),
    repeatedFileFields: fileFields.filter(([, file]) => file.repeated).map(([name]) => name),
    allowMultipart: spec.multipart ?? fileFields.length > 0,
    emptyIsObject: spec.emptyIsObject,
  });
  for (const [name, file] of fileFields) {
    if (file.required && !upload.files[name]) {
      throw new ApiError("invalid_input", `${name} is required (${file.description}): a file part named ${name}, or a base64 / data-URL string in JSON.`, {
        errors: [{ field: name, message: "required" }],
      });
    }
  }
  refuseNulCharacters(upload.values, "body");
  const body = spec.validation === "describe" ? upload.values : spec.schema.parse(upload.values);
  return { query, body, upload };
}

/**
 * U+0000 cannot be stored in a PostgreSQL text or jsonb value: a name, title or text holding one made
 * the insert fail with a 500 (found by the hardening corpus). No input of this API needs it, so it is
 * refused up front, naming the member.
 */
function refuseNulCharacters(root: unknown, where: string): void {
  // An explicit stack, not recursion: JSON.parse accepts 100k-deep arrays, which would overflow it.
  // Each entry links to its parent, so the member's path is only spelled out for the error.
  type Entry = { value: unknown; key: string; parent?: Entry };
  const pending: Entry[] = [{ value: root, key: "" }];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    const { value } = entry;
    if (typeof value === "string") {
      if (value.includes("\u0000")) {
        const keys: string[] = [];
        for (let at: Entry | undefined = entry; at?.parent; at = at.parent) keys.unshift(at.key);
        const field = keys.join(".") || `(${where})`;
        throw new ApiError("invalid_input", `"${field}" contains a NUL character (U+0000), which is not accepted.`, {
          errors: [{ field, message: "contains U+0000, a NUL control character" }],
        });
      }
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, key, parent: entry });
    }
  }
}

function scheduleUsage(request: Request, status: number, bytesOut: number, context: ApiContext, latencyMs: number): void {
  const db = context.db!;
  const { principal } = context;
  const call = {
    route: context.route,
    status,
    latencyMs,
    bytesIn: Number(request.headers.get("content-length")) || 0,
    bytesOut,
    models: context.models,
  };
  runAfterResponse("usage", async () => {
    await recordUsage({ db, principal, call });
    if (principal.kind === "key") await recordKeyUse({ db, verified: principal.verified });
  });
}

/** A JSON response; `no-store` because every API answer is computed for this request. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", "cache-control": "no-store", "content-length": String(Buffer.byteLength(text)), ...init.headers },
  });
}

/** For catch-alls and method guards. */
export function notFound(detail: string): never {
  throw new ApiError("not_found", detail);
}
