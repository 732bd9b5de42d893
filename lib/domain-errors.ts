/**
 * Errors the ML core throws, in its own terms: it knows nothing of HTTP. lib/errors.ts maps each to
 * a problem document in one place (`toProblem`), so a pipeline run from a batch worker, a benchmark
 * or a script fails with the same meaning as one run from a route.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  /** The input fields the error is about, when there are some (for `errors: [{ field, message }]`). */
  readonly fields: FieldProblem[];
  constructor(message: string, where?: FieldProblem | FieldProblem[]) {
    super(message);
    this.name = new.target.name;
    this.fields = where === undefined ? [] : Array.isArray(where) ? where : [where];
  }
}

/** Why an upload is not an image the models can take. */
export type ImageProblem = "empty" | "too_large" | "too_many_pixels" | "not_an_image" | "format_not_accepted" | "too_small" | "truncated" | "undecodable";

export class ImageDecodeError extends DomainError {
  constructor(
    readonly problem: ImageProblem,
    message: string,
  ) {
    super(message, { field: "image", message: problem.replaceAll("_", " ") });
  }
}

/** A model that exists in the manifest but cannot be had on this instance (missing file, failed load, backend down). */
export class ModelUnavailableError extends DomainError {
  constructor(
    readonly modelId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A model id (or family) that no manifest entry has. */
export class UnknownModelError extends DomainError {
  constructor(
    readonly modelId: string,
    message = `Unknown model "${modelId}". GET /api/v1/models lists them.`,
    field?: string,
  ) {
    super(message, field ? { field, message: "unknown model" } : undefined);
  }
}

/** An argument the core cannot work with (a model of the wrong task, a recipe for another parent…). */
export class InvalidArgumentError extends DomainError {}

/** The work needs something this instance does not have (evaluation data, a dictionary file). */
export class MissingPrerequisiteError extends DomainError {}
