import "server-only";
import { z } from "zod";
import { getEnv } from "../env";
import { InvalidArgumentError, TooLargeError } from "../domain-errors";
import type { FieldIssue } from "../errors";
import { formBoolean } from "../analyze/form-boolean";
import type { RequestBody } from "../request-body";
import { checkCallbackUrl } from "../jobs/webhooks/callback-guard";
import { BATCH_TASKS, itemIssues, validateJsonItem, validateUploadItem, type ValidatedItem } from "./batch-tasks";

/**
 * POST /api/v1/batch/process bodies. JSON: `{ items: [{ task, …the single endpoint's fields }],
 * callback_url?, webhook_per_item?, title? }` (uploads as base64 or data URLs). Multipart: one item
 * per `files` part, all with the same `task` and shared fields (`text`, `query`, `language`,
 * `content_type`), plus `callback_url`, `webhook_per_item`, `title`. Every item is validated before
 * anything is stored; all problems come back at once, each naming its item (`items.3.image`).
 */

export interface BatchRequest {
  items: ValidatedItem[];
  callbackUrl: string | undefined;
  webhookPerItem: boolean;
  title: string;
}

export const batchOptionsSchema = z.object({
  callback_url: z.string().max(2048, "callback_url is longer than 2048 characters").optional(),
  webhook_per_item: formBoolean.default(false),
  title: z.string().trim().max(200).optional(),
});

const SHARED_UPLOAD_FIELDS = ["text", "query", "language", "content_type", "prompt", "top_k", "detection_threshold"] as const;

/** From the body the API wrapper read (JSON, or multipart with repeated `files` parts) to validated items. */
export async function parseBatchRequest(body: RequestBody): Promise<BatchRequest> {
  const env = getEnv();
  const { items: rawItems, task, ...rest } = body.values;
  const optionFields = Object.fromEntries(Object.entries(rest).filter(([key]) => !(SHARED_UPLOAD_FIELDS as readonly string[]).includes(key)));
  const options = batchOptionsSchema.strict().parse(optionFields);

  const issues: FieldIssue[] = [];
  const items: ValidatedItem[] = [];
  if (body.kind === "json") {
    if (!Array.isArray(rawItems))
      throw new InvalidArgumentError("items must be an array of items, each with a task.", { field: "items", message: "required array" });
    checkCount(rawItems.length, env.BATCH_MAX_ITEMS);
    rawItems.forEach((raw, position) => {
      try {
        items.push(validateJsonItem(raw));
      } catch (error) {
        issues.push(...itemIssues(position, error));
      }
    });
  } else {
    const uploadTask = z.enum(BATCH_TASKS, { error: `task must be one of ${BATCH_TASKS.join(", ")}` }).parse(task);
    checkCount(body.uploads.length, env.BATCH_MAX_ITEMS);
    const shared = Object.fromEntries(SHARED_UPLOAD_FIELDS.filter((f) => rest[f] !== undefined).map((f) => [f, rest[f]]));
    body.uploads.forEach((upload, position) => {
      try {
        items.push(validateUploadItem(uploadTask, shared, upload.bytes));
      } catch (error) {
        issues.push(...itemIssues(position, error));
      }
    });
  }
  if (issues.length)
    throw new InvalidArgumentError(
      `${new Set(issues.map((i) => i.field.split(".").slice(0, 2).join("."))).size} item(s) are not valid; nothing was queued.`,
      issues,
    );
  const callbackUrl = options.callback_url === undefined ? undefined : (await checkCallbackUrl(options.callback_url)).toString();
  if (options.webhook_per_item && !callbackUrl)
    throw new InvalidArgumentError("webhook_per_item needs a callback_url.", { field: "webhook_per_item", message: "needs callback_url" });
  const title = options.title || `Batch of ${items.length} ${[...new Set(items.map((i) => i.task))].join(" + ")} item${items.length === 1 ? "" : "s"}`;
  return { items, callbackUrl, webhookPerItem: options.webhook_per_item, title };
}

function checkCount(count: number, max: number) {
  if (count === 0)
    throw new InvalidArgumentError("A batch needs at least one item (JSON `items`, or multipart `files` parts).", { field: "items", message: "empty" });
  if (count > max) throw new TooLargeError(`A batch holds at most ${max} items (got ${count}); split it.`, { field: "items", message: `more than ${max}` });
}
