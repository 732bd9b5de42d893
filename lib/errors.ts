import { ZodError } from "zod";

/**
 * The one error model of the API. Every failure a client can cause or see is an ApiError with a
 * code; `toProblem` renders it as RFC 9457 `application/problem+json`. Anything else is an
 * unexpected error: logged with the request id by the caller and answered with a generic 500.
 */

export const problemStatusByCode = {
  bad_request: 400,
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_content: 422,
  rate_limited: 429,
  internal: 500,
  model_unavailable: 503,
  service_unavailable: 503,
} as const;

export type ProblemCode = keyof typeof problemStatusByCode;

const titleByCode: Record<ProblemCode, string> = {
  bad_request: "Bad request",
  invalid_input: "Invalid input",
  unauthorized: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  unprocessable_content: "Unprocessable content",
  rate_limited: "Too many requests",
  internal: "Internal server error",
  model_unavailable: "Model unavailable",
  service_unavailable: "Service unavailable",
};

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `image` or `options.top_k`. */
  field: string;
  message: string;
}

/** Marks every ApiError, whichever copy of this module made it (see `Symbol.hasInstance` below). */
const API_ERROR_BRAND = Symbol.for("insight-engine.ApiError");

export class ApiError extends Error {
  /**
   * Next bundles the instrumentation hook apart from the route handlers, each with its own copy of
   * this module. Objects made at start-up and shared through globalThis (model sessions, the remote
   * inference client) throw the other copy's ApiError, which a plain `instanceof` would call
   * unexpected and answer with a 500; the brand is the same in every copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR_BRAND] === true;
  }
  readonly [API_ERROR_BRAND] = true;
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: { errors?: FieldIssue[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.status = problemStatusByCode[code];
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  request_id?: string;
  errors?: FieldIssue[];
  [key: string]: unknown;
}

export function issuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(body)",
    message: issue.message,
  }));
}

/** Converts a thrown value into a problem document; `expected` is false for errors we did not plan for. */
export function toProblem(
  error: unknown,
  context: { requestId?: string; instance?: string } = {},
): { problem: Problem; headers: Record<string, string>; expected: boolean } {
  let apiError: ApiError;
  let expected = true;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof ZodError)
    apiError = new ApiError("invalid_input", "The request does not match the expected schema.", {
      errors: issuesFromZod(error),
    });
  else {
    expected = false;
    apiError = new ApiError("internal", "An unexpected error occurred. Quote the request id when reporting it.");
  }
  const { headers = {}, ...extra } = apiError.extra;
  const problem: Problem = {
    type: `/docs/errors#${apiError.code}`,
    title: titleByCode[apiError.code],
    status: apiError.status,
    detail: apiError.detail,
    code: apiError.code,
    ...extra,
    ...(context.instance ? { instance: context.instance } : {}),
    ...(context.requestId ? { request_id: context.requestId } : {}),
  };
  return { problem, headers, expected };
}

export function problemResponse(
  error: unknown,
  context: { requestId?: string; instance?: string; errorMember?: boolean } = {},
): Response {
  const { problem, headers } = toProblem(error, context);
  // Clients of the Open Inference Protocol read `{"error": "<message>"}`: the same document carries both.
  const body = context.errorMember ? { ...problem, error: problem.detail } : problem;
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...(context.requestId ? { "x-request-id": context.requestId } : {}),
      ...headers,
    },
  });
}
