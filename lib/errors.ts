import { ZodError } from "zod";
import {
  ConflictError,
  DomainError,
  FeatureUnavailableError,
  ImageDecodeError,
  InvalidArgumentError,
  MissingPrerequisiteError,
  ModelUnavailableError,
  NotFoundError,
  NotPermittedError,
  NotSignedInError,
  OverloadedError,
  TooLargeError,
  UnknownModelError,
  UnprocessableInputError,
  type ImageProblem,
} from "./domain-errors";

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

/** What each code means and what to do about it: the page /docs/errors shows these (a problem's `type` links there). */
export const explanationByCode: Record<ProblemCode, string> = {
  bad_request:
    "The request could not be read: the body is empty, is not valid JSON, is not a JSON object, or a multipart body could not be parsed. Fix the body and send it again.",
  invalid_input:
    "The request was read, but a field is missing or wrong: `errors` lists each field with what is wrong (for a batch, `items.3.image`). Also used for base64 that does not decode and for empty images.",
  unauthorized:
    "No valid credential: send an API key as `Authorization: Bearer ie_…` (create one on /keys or with POST /api/v1/keys), or use the site in a browser. A revoked or expired key answers this too.",
  forbidden:
    "The caller is known but may not do this: the key lacks the scope (`analyze`, `safety`, `batch`, `benchmarks:run`, `admin`), a guest tried something that needs an account, a key tried something that needs the browser session, or a cross-site request was refused.",
  not_found:
    "No such route, or nothing with that id that belongs to you (other users' batches, keys and analyses are answered the same way as ids that do not exist).",
  method_not_allowed: "The route exists but not with this method.",
  conflict: "The request conflicts with the current state: the e-mail is already registered, or the same work is already queued or running.",
  payload_too_large: "The body, an image (bytes or megapixels), a text or a batch is over its limit; `detail` says which limit. Send less, or split it.",
  unsupported_media_type:
    "The Content-Type is not accepted (send application/json, or multipart/form-data where files are taken), or an upload is not an image in an accepted format (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF, BMP; SVG is refused).",
  unprocessable_content:
    "The input is well-formed but cannot be processed: an image that is truncated, corrupt or smaller than 16 px, or work that needs something this instance does not have (evaluation data).",
  rate_limited:
    "Over a rate limit or quota of your plan. Wait for `Retry-After` seconds; the `RateLimit` and `RateLimit-Policy` headers on every answer show what is left.",
  internal: "Something failed that should not have. Nothing about it is in the answer; quote the `request_id` when reporting it.",
  model_unavailable:
    "A model this request needs cannot be had on this instance (its file is missing and cannot be downloaded, it failed to load, or the inference backend is unreachable). GET /api/v1/models says why; try again after `Retry-After`.",
  service_unavailable:
    "The instance cannot serve this right now (the database is unreachable, a model's queue is full (`reason: queue_full`), the request's deadline passed while it waited (`reason: deadline_exceeded`), or it is shutting down). Try again after `Retry-After`, possibly on another instance.",
};

export const titleOf = (code: ProblemCode) => titleByCode[code];

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

const imageProblemCodes: Record<ImageProblem, ProblemCode> = {
  empty: "invalid_input",
  too_large: "payload_too_large",
  too_many_pixels: "payload_too_large",
  not_an_image: "unsupported_media_type",
  format_not_accepted: "unsupported_media_type",
  too_small: "unprocessable_content",
  truncated: "unprocessable_content",
  undecodable: "unprocessable_content",
};

/** The one place where the core's domain errors (lib/domain-errors.ts) become HTTP problems. */
export function apiErrorFromDomain(error: DomainError): ApiError {
  const extra = error.fields.length ? { errors: error.fields } : {};
  if (error instanceof ImageDecodeError) return new ApiError(imageProblemCodes[error.problem], error.message, extra);
  if (error instanceof ModelUnavailableError)
    return new ApiError("model_unavailable", error.message, { model: error.modelId, headers: { "retry-after": "30" } });
  if (error instanceof OverloadedError)
    return new ApiError("service_unavailable", error.message, {
      model: error.modelId,
      reason: error.reason,
      headers: { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) },
    });
  if (error instanceof UnknownModelError) return new ApiError(error.fields.length ? "invalid_input" : "not_found", error.message, extra);
  if (error instanceof InvalidArgumentError) return new ApiError("invalid_input", error.message, extra);
  if (error instanceof MissingPrerequisiteError) return new ApiError("unprocessable_content", error.message, extra);
  if (error instanceof UnprocessableInputError) return new ApiError("unprocessable_content", error.message, extra);
  if (error instanceof TooLargeError) return new ApiError("payload_too_large", error.message, { ...error.details, ...extra });
  if (error instanceof ConflictError) return new ApiError("conflict", error.message, { ...error.details, ...extra });
  if (error instanceof NotFoundError) return new ApiError("not_found", error.message, extra);
  if (error instanceof NotSignedInError) return new ApiError("unauthorized", error.message, extra);
  if (error instanceof NotPermittedError) return new ApiError("forbidden", error.message, extra);
  if (error instanceof FeatureUnavailableError) {
    const { retryAfterSeconds, details } = error.options;
    return new ApiError("service_unavailable", error.message, {
      ...details,
      ...extra,
      ...(retryAfterSeconds === undefined ? {} : { headers: { "retry-after": String(retryAfterSeconds) } }),
    });
  }
  return new ApiError("internal", "An unexpected error occurred. Quote the request id when reporting it.");
}

/** Converts a thrown value into a problem document; `expected` is false for errors we did not plan for. */
export function toProblem(
  error: unknown,
  context: { requestId?: string; instance?: string } = {},
): { problem: Problem; headers: Record<string, string>; expected: boolean } {
  let apiError: ApiError;
  let expected = true;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof DomainError) apiError = apiErrorFromDomain(error);
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

export function problemResponse(error: unknown, context: { requestId?: string; instance?: string; errorMember?: boolean } = {}): Response {
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
