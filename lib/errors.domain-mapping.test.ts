import { describe, expect, it } from "vitest";
import {
  ConflictError,
  FeatureUnavailableError,
  InvalidArgumentError,
  NotFoundError,
  NotPermittedError,
  NotSignedInError,
  TooLargeError,
  UnprocessableInputError,
} from "./domain-errors";
import { ApiError, problemResponse } from "./errors";

/**
 * The domain errors that replaced ApiError in domain code (safety, language, benchmarks, jobs, the
 * model lab, the assistant) must answer exactly what the ApiError they replaced answered: each pair
 * below is a throw site's new error and the ApiError it threw before, rendered to the same bytes,
 * status and headers.
 */
const pairs: [string, Error, ApiError][] = [
  [
    "safety: content_type mismatch (422 with the field)",
    new UnprocessableInputError('content_type "text" needs a prompt.', { field: "prompt", message: 'content_type "text" needs a prompt.' }),
    new ApiError("unprocessable_content", 'content_type "text" needs a prompt.', {
      errors: [{ field: "prompt", message: 'content_type "text" needs a prompt.' }],
    }),
  ],
  [
    "language: content over the character limit (413 with the limit, no field list)",
    new TooLargeError("content has 100001 characters; the limit is 100000.", undefined, { limit: 100_000 }),
    new ApiError("payload_too_large", "content has 100001 characters; the limit is 100000.", { limit: 100_000 }),
  ],
  [
    "batch: too many items (413 naming the field)",
    new TooLargeError("A batch holds at most 100 items (got 101); split it.", { field: "items", message: "more than 100" }),
    new ApiError("payload_too_large", "A batch holds at most 100 items (got 101); split it.", { errors: [{ field: "items", message: "more than 100" }] }),
  ],
  [
    "batch: per-item problems (400 listing every item)",
    new InvalidArgumentError("2 item(s) are not valid; nothing was queued.", [
      { field: "items.0.image", message: "required" },
      { field: "items.3", message: "not an object" },
    ]),
    new ApiError("invalid_input", "2 item(s) are not valid; nothing was queued.", {
      errors: [
        { field: "items.0.image", message: "required" },
        { field: "items.3", message: "not an object" },
      ],
    }),
  ],
  [
    "benchmarks: the same run already queued (409 with its job id)",
    new ConflictError("The same benchmark run is already queued (job j-1).", { job_id: "j-1" }),
    new ApiError("conflict", "The same benchmark run is already queued (job j-1).", { job_id: "j-1" }),
  ],
  ["jobs: a job that could not be queued (409)", new ConflictError("The job could not be queued."), new ApiError("conflict", "The job could not be queued.")],
  ["model lab: no such recipe (404)", new NotFoundError('No recipe "x" in models/recipes.'), new ApiError("not_found", 'No recipe "x" in models/recipes.')],
  [
    "model lab: no evaluation images (503 without Retry-After)",
    new FeatureUnavailableError("Producing x needs the evaluation images (EVAL_DATA_DIR) to calibrate on."),
    new ApiError("service_unavailable", "Producing x needs the evaluation images (EVAL_DATA_DIR) to calibrate on."),
  ],
  [
    "assistant: no model configured (503, available false, how to enable, Retry-After 3600)",
    new FeatureUnavailableError("No model. Set ASSISTANT_BASE_URL.", {
      retryAfterSeconds: 3600,
      details: { available: false, how_to_enable: "Set ASSISTANT_BASE_URL." },
    }),
    new ApiError("service_unavailable", "No model. Set ASSISTANT_BASE_URL.", {
      available: false,
      how_to_enable: "Set ASSISTANT_BASE_URL.",
      headers: { "retry-after": "3600" },
    }),
  ],
  [
    "assistant: a tool the key's scopes do not cover (403)",
    new NotPermittedError('Starting a batch needs the "batch" scope.'),
    new ApiError("forbidden", 'Starting a batch needs the "batch" scope.'),
  ],
  [
    "assistant: history without a caller (401)",
    new NotSignedInError("Only a signed-in user or guest has a history."),
    new ApiError("unauthorized", "Only a signed-in user or guest has a history."),
  ],
];

describe("domain errors answer what the ApiErrors they replaced answered", () => {
  it.each(pairs)("%s", async (_name, domainError, apiError) => {
    const context = { requestId: "req-12345678", instance: "/api/v1/x" };
    const fromDomain = problemResponse(domainError, context);
    const fromApi = problemResponse(apiError, context);
    expect(fromDomain.status).toBe(fromApi.status);
    expect([...fromDomain.headers.entries()]).toEqual([...fromApi.headers.entries()]);
    expect(await fromDomain.text()).toBe(await fromApi.text());
  });
});
