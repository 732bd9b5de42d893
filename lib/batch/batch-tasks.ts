import "server-only";
import { z } from "zod";
import { analyzeDocument } from "../analyze/document/analyze-document";
import { documentFieldsSchema, documentResponseSchema } from "../analyze/document/schemas";
import { analyzeImageText } from "../analyze/image-text/analyze-image-text";
import { imageTextRequestSchema, imageTextResponseSchema } from "../analyze/image-text/schema";
import { decodeBase64Field } from "../base64-field";
import { DomainError, InvalidArgumentError, TooLargeError } from "../domain-errors";
import { issuesFromZod, type FieldIssue } from "../errors";
import { analyzeMultilingual } from "../language/analyze-multilingual";
import { MAX_CONTENT_CHARACTERS, multilingualRequestSchema, multilingualResponseSchema } from "../language/schemas";
import { evaluateSafety } from "../safety/evaluate-safety";
import { safetyRequestSchema, safetyResponseSchema } from "../safety/schemas";
import { validateSafetyInput } from "../safety/validate-safety-input";

/**
 * What a batch item can be: the four analyses of the single endpoints, with the same request fields
 * and the same answers (each item's result is exactly what the single endpoint would have answered).
 * Validation happens when the batch is submitted; running happens in a worker.
 */

export const BATCH_TASKS = ["image-text", "document", "multilingual", "safety"] as const;
export type BatchTask = (typeof BATCH_TASKS)[number];

/** An item as stored: plain fields, and the upload (decoded) when the task takes one. */
export interface ValidatedItem {
  task: BatchTask;
  input: Record<string, unknown>;
  bytes: Buffer | undefined;
}

interface TaskDefinition {
  /** The item's upload field in JSON (base64 or data URL), if the task takes one. */
  fileField?: string;
  parse(fields: Record<string, unknown>, bytes: Buffer | undefined): Record<string, unknown>;
  run(input: Record<string, unknown>, bytes: Buffer | undefined, requestId: string): Promise<unknown>;
}

const requireBytes = (bytes: Buffer | undefined, field: string): Buffer => {
  if (!bytes) throw new InvalidArgumentError(`${field} is required.`, { field, message: "required" });
  return bytes;
};

const tasks: Record<BatchTask, TaskDefinition> = {
  "image-text": {
    fileField: "image",
    parse: (fields, bytes) => {
      requireBytes(bytes, "image");
      return imageTextRequestSchema.omit({ keep_image: true }).strict().parse(fields);
    },
    run: async (input, bytes, requestId) =>
      imageTextResponseSchema.parse(await analyzeImageText({ image: bytes!, request: imageTextRequestSchema.parse(input), requestId })),
  },
  document: {
    fileField: "document_image",
    parse: (fields, bytes) => {
      requireBytes(bytes, "document_image");
      return documentFieldsSchema.omit({ keep_image: true }).parse(fields);
    },
    run: async (input, bytes) => documentResponseSchema.parse(await analyzeDocument({ imageBytes: bytes!, ...documentFieldsSchema.parse(input) })),
  },
  multilingual: {
    parse: (fields) => {
      const parsed = multilingualRequestSchema.parse(fields);
      if (parsed.content.length > MAX_CONTENT_CHARACTERS) {
        throw new TooLargeError(`content is longer than ${MAX_CONTENT_CHARACTERS} characters.`, { field: "content", message: "too long" });
      }
      return parsed;
    },
    run: async (input) => multilingualResponseSchema.parse(await analyzeMultilingual(multilingualRequestSchema.parse(input))),
  },
  safety: {
    fileField: "image",
    parse: (fields, bytes) => {
      const parsed = safetyRequestSchema.parse(fields);
      validateSafetyInput({ contentType: parsed.content_type, prompt: parsed.prompt, image: bytes });
      return parsed;
    },
    run: async (input, bytes) => {
      const parsed = safetyRequestSchema.parse(input);
      return safetyResponseSchema.parse(await evaluateSafety({ contentType: parsed.content_type, prompt: parsed.prompt, image: bytes }));
    },
  },
};

const taskSchema = z.enum(BATCH_TASKS, { error: `task must be one of ${BATCH_TASKS.join(", ")}` });

/** Validates one JSON item; throws a domain error whose field names are relative to the item. */
export function validateJsonItem(raw: unknown): ValidatedItem {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InvalidArgumentError("An item must be an object with a task.", { field: "(item)", message: "not an object" });
  }
  const { task: rawTask, ...fields } = raw as Record<string, unknown>;
  const { task } = z.object({ task: taskSchema }).parse({ task: rawTask });
  const definition = tasks[task];
  let bytes: Buffer | undefined;
  if (definition.fileField && fields[definition.fileField] !== undefined) {
    const value = fields[definition.fileField];
    if (typeof value !== "string")
      throw new InvalidArgumentError(`${definition.fileField} must be base64 or a data URL.`, { field: definition.fileField, message: "not a string" });
    bytes = decodeBase64Field(definition.fileField, value).bytes;
    delete fields[definition.fileField];
  }
  return { task, input: definition.parse(fields, bytes), bytes };
}

/** Validates an item made from one uploaded file and the form's shared fields. */
export function validateUploadItem(task: BatchTask, fields: Record<string, unknown>, bytes: Buffer): ValidatedItem {
  const definition = tasks[task];
  if (!definition.fileField)
    throw new InvalidArgumentError(`Task "${task}" takes no file; send the items as JSON.`, { field: "task", message: "takes no file" });
  return { task, input: definition.parse(fields, bytes), bytes };
}

/** Per-field issues of a validation failure, prefixed with the item's position. */
export function itemIssues(position: number, error: unknown): FieldIssue[] {
  const prefix = (field: string) => `items.${position}${field === "(body)" || field === "(item)" ? "" : `.${field}`}`;
  if (error instanceof z.ZodError) return issuesFromZod(error).map((issue) => ({ ...issue, field: prefix(issue.field) }));
  if (error instanceof DomainError)
    return (error.fields.length ? error.fields : [{ field: "(item)", message: error.message }]).map((issue) => ({ ...issue, field: prefix(issue.field) }));
  throw error;
}

export function runBatchTask(item: { task: string; input: unknown; inputBytes: Buffer | null }, requestId: string): Promise<unknown> {
  const definition = tasks[taskSchema.parse(item.task)];
  return definition.run(item.input as Record<string, unknown>, item.inputBytes ?? undefined, requestId);
}
