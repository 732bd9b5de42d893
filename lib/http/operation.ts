import type { z } from "zod";
import type { AppRouteHandlerRoutes, ParamMap } from "../../.next/types/routes";
import type { ScopeRequirement } from "../auth/roles";
import type { AuthRequirement } from "./authorize";

/**
 * One HTTP operation of the public API, declared once: the route handler runs through it
 * (`withApi(operation, handler)` authenticates, limits, reads and validates the body and query with
 * these schemas) and the OpenAPI document is generated from it (lib/api-contract/openapi-document.ts).
 * There is no second, hand-written description of a route to drift from the code.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface BodySpec<Values extends z.ZodType = z.ZodType> {
  /** The non-file members: a JSON object's members, or multipart text parts. */
  schema: Values;
  /**
   * `parse`: the wrapper validates `values` with `schema` and hands the handler the result.
   * `describe`: the schema documents the body; the handler's domain parser validates it (batch items
   * have per-item errors, the multilingual text a length check that must come before the schema's).
   */
  validation?: "parse" | "describe";
  /** File fields: base64 or data-URL strings in JSON, file parts in multipart. */
  files?: Record<string, { description: string; required?: boolean; repeated?: boolean }>;
  /** Whether multipart/form-data is accepted besides JSON (default: when there are file fields). */
  multipart?: boolean;
  /** The body limit in bytes (default: MAX_BODY_BYTES). A function, because env is read at request time. */
  maxBytes?: () => number;
  /** An empty body reads as `{}` (settings where every member is optional). */
  emptyIsObject?: boolean;
  /** A valid request body for the docs (JSON form). */
  example: Record<string, unknown>;
}

export interface ResponseSpec {
  description: string;
  /** JSON body schema; absent for empty answers (204) or non-JSON ones (`contentType`). */
  schema?: z.ZodType;
  contentType?: string;
  example?: unknown;
  /** Extra response headers to document, e.g. `location`. */
  headers?: Record<string, string>;
}

export interface Operation<
  Body extends BodySpec | undefined = BodySpec | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Path extends string = string,
> {
  operationId: string;
  /** ANY only for internal catch-alls. */
  method: HttpMethod | "ANY";
  /**
   * OpenAPI path template, e.g. `/api/v1/batch/{id}` (the route label of logs, metrics and usage); `/api/*` for a
   * catch-all. `defineOperation` checks it against Next's generated route types: a template no route folder serves
   * does not compile, and the handler's `params` are the ones Next hands that route.
   */
  path: Path;
  tag: string;
  summary: string;
  description?: string;
  auth: AuthRequirement;
  /**
   * Required on every operation, so none is left open by omission: a scope, a list (any one of them
   * suffices), or `null` when the `auth` level alone decides. SECURITY.md ("Who may call what") holds the
   * same table; lib/api-contract/access-table.test.ts compares the two.
   */
  scope: ScopeRequirement;
  /** Rate-limit units one call costs (default 1); false: not limited (probes). */
  rateLimit?: { cost: number } | false;
  /** Record a usage row (default true). */
  recordUsage?: boolean;
  /** Path parameters, documented; every value is a string of at most 200 characters. */
  params?: Record<string, string>;
  query?: Query;
  body?: Body;
  /**
   * A body the handler reads itself, documented here (the infer route's binary framing is not JSON
   * or multipart); the wrapper leaves the stream alone.
   */
  handlerReadsBody?: { schema: z.ZodType; example: Record<string, unknown>; otherContentTypes?: string[] };
  /** Problems also carry `error: <detail>`, as Open Inference Protocol clients expect (the /v2 routes). */
  errorMember?: boolean;
  /** Left out of the OpenAPI document (catch-alls). */
  internal?: boolean;
  /** Success answers by status (errors are documented once, as problem+json, for every operation). */
  responses: Record<number, ResponseSpec>;
}

/** The Next route an OpenAPI template names: `/api/v1/batch/{id}` → `/api/v1/batch/[id]`, `/api/*` → `/api/[...path]`. */
export type NextRouteOf<P extends string> = P extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}[${Name}]${NextRouteOf<Tail>}`
  : P extends `${infer Head}/*`
    ? `${Head}/[...path]`
    : P;

/** The template itself when a route folder serves it (Next's `next typegen` lists them), never otherwise. */
export type ServedPath<P extends string> = NextRouteOf<P> extends AppRouteHandlerRoutes ? P : never;

/** The params Next hands the route of a template (its generated ParamMap); loose for a path that is not a literal. */
export type RouteParamsOf<P extends string> = NextRouteOf<P> extends keyof ParamMap ? ParamMap[NextRouteOf<P>] : Record<string, string | string[] | undefined>;

/**
 * Declares an operation; the identity function keeps the literal types for the handler's input, and
 * refuses (at compile time) a path no route file serves.
 */
export function defineOperation<
  const Body extends BodySpec | undefined = undefined,
  const Query extends z.ZodType | undefined = undefined,
  const Path extends string = string,
>(operation: Operation<Body, Query, Path> & { path: ServedPath<Path> }): Operation<Body, Query, Path> {
  return operation;
}

export const routeLabel = (operation: Pick<Operation, "method" | "path">) => `${operation.method} ${operation.path}`;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What the wrapper hands a handler: the body's values validated (or raw, for `describe`), the files, the query. */
export type OperationInput<O> =
  O extends Operation<infer Body, infer Query, string>
    ? {
        body: Body extends BodySpec<infer Values> ? (Body["validation"] extends "describe" ? Record<string, unknown> : z.output<Values>) : undefined;
        query: Infer<Query>;
      }
    : never;
