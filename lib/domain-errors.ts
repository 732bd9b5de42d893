/**
 * Errors the ML core throws, in its own terms: it knows nothing of HTTP. lib/errors.ts maps each to
 * a problem document in one place (`toProblem`), so a pipeline run from a batch worker, a benchmark
 * or a script fails with the same meaning as one run from a route.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

/** The class names of a domain error, whichever copy of this module made it (see `Symbol.hasInstance`). */
const DOMAIN_ERROR_KINDS = Symbol.for("insight-engine.DomainError.kinds");

export abstract class DomainError extends Error {
  /**
   * Each class's kind, declared by the class itself: a production build minifies exported classes
   * into anonymous ones (every `.name` is ""), so the names cannot tell the kinds apart.
   */
  static readonly kind: string = "DomainError";
  /**
   * Next bundles the instrumentation hook apart from the route handlers, each with its own copy of
   * this module, and model sessions made at start-up are shared through globalThis: their errors
   * come from the other copy. Matching by the kinds every copy records (as ApiError does with its
   * brand) keeps `instanceof ModelUnavailableError` true across copies, instead of a 500.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    const kinds = typeof value === "object" && value !== null ? (value as Record<symbol, unknown>)[DOMAIN_ERROR_KINDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, a subclass included
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
  readonly [DOMAIN_ERROR_KINDS]: string[] = [];
  /** The input fields the error is about, when there are some (for `errors: [{ field, message }]`). */
  readonly fields: FieldProblem[];
  constructor(message: string, where?: FieldProblem | FieldProblem[]) {
    super(message);
    // A subclass that inherited its parent's kind would pass for its parent (and its parent for it).
    if (!Object.hasOwn(new.target, "kind")) throw new Error("every DomainError subclass declares its own static kind");
    this.name = (new.target as unknown as typeof DomainError).kind;
    for (let kind: object | null = new.target; kind && kind !== Error; kind = Object.getPrototypeOf(kind))
      this[DOMAIN_ERROR_KINDS].push((kind as typeof DomainError).kind);
    this.fields = where === undefined ? [] : Array.isArray(where) ? where : [where];
  }
}

/** Why an upload is not an image the models can take. */
export type ImageProblem = "empty" | "too_large" | "too_many_pixels" | "not_an_image" | "format_not_accepted" | "too_small" | "truncated" | "undecodable";

export class ImageDecodeError extends DomainError {
  static readonly kind = "ImageDecodeError";
  constructor(
    readonly problem: ImageProblem,
    message: string,
  ) {
    super(message, { field: "image", message: problem.replaceAll("_", " ") });
  }
}

/** A model that exists in the manifest but cannot be had on this instance (missing file, failed load, backend down). */
export class ModelUnavailableError extends DomainError {
  static readonly kind = "ModelUnavailableError";
  constructor(
    readonly modelId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A model id (or family) that no manifest entry has. */
export class UnknownModelError extends DomainError {
  static readonly kind = "UnknownModelError";
  constructor(
    readonly modelId: string,
    message = `Unknown model "${modelId}". GET /api/v1/models lists them.`,
    field?: string,
  ) {
    super(message, field ? { field, message: "unknown model" } : undefined);
  }
}

/** An argument the core cannot work with (a model of the wrong task, a recipe for another parent…). */
export class InvalidArgumentError extends DomainError {
  static readonly kind = "InvalidArgumentError";
}

/** The work needs something this instance does not have (evaluation data, a dictionary file). */
export class MissingPrerequisiteError extends DomainError {
  static readonly kind = "MissingPrerequisiteError";
}

/** Why a model refused work it was asked for: its queue is full, or the request's deadline came first. */
export type OverloadReason = "queue_full" | "deadline_exceeded";

/**
 * A model's bounded queue refused the work (lib/inference/serving): answered at once rather than
 * after an unbounded wait, with how long to wait before trying again. It is not "the model cannot be
 * had" (ModelUnavailableError), so pipelines that degrade an unavailable model to `available: false`
 * fail the whole request with it instead.
 */
export class OverloadedError extends DomainError {
  static readonly kind = "OverloadedError";
  constructor(
    readonly modelId: string,
    readonly reason: OverloadReason,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
}

/** Members a problem document carries beside the standard ones (a job id, `available: false`…). */
export type ProblemDetails = Record<string, unknown>;

/** The same work is already queued or running, or the thing to create exists already. */
export class ConflictError extends DomainError {
  static readonly kind = "ConflictError";
  constructor(
    message: string,
    readonly details: ProblemDetails = {},
  ) {
    super(message);
  }
}

/** Nothing with that id (a recipe, a stored analysis) that the caller may see. */
export class NotFoundError extends DomainError {
  static readonly kind = "NotFoundError";
}

/** An input over one of its limits (a text's length, a batch's item count). */
export class TooLargeError extends DomainError {
  static readonly kind = "TooLargeError";
  constructor(
    message: string,
    where?: FieldProblem | FieldProblem[],
    readonly details: ProblemDetails = {},
  ) {
    super(message, where);
  }
}

/** Input that is well-formed but cannot be worked on as sent (a prompt for an image check, an image with no prompt…). */
export class UnprocessableInputError extends DomainError {
  static readonly kind = "UnprocessableInputError";
}

/** The work needs a signed-in user or guest, and the caller is neither. */
export class NotSignedInError extends DomainError {
  static readonly kind = "NotSignedInError";
}

/** The caller is known but may not do this (a scope it lacks). */
export class NotPermittedError extends DomainError {
  static readonly kind = "NotPermittedError";
}

/**
 * A feature this instance is not set up for (no assistant model, no evaluation images to calibrate
 * on): the same request succeeds once the operator configures it, so it is a 503, not the caller's fault.
 */
export class FeatureUnavailableError extends DomainError {
  static readonly kind = "FeatureUnavailableError";
  constructor(
    message: string,
    readonly options: { retryAfterSeconds?: number; details?: ProblemDetails } = {},
  ) {
    super(message);
  }
}
