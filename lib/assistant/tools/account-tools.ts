import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { ownerIdOf } from "../../auth/principal";
import { getDatabase } from "../../db/client";
import { getAnalysis, listAnalyses } from "../../db/queries/analyses";
import { NotFoundError, NotSignedInError } from "../../domain-errors";
import { toHistoryEntry, toHistoryItem } from "../../history/schemas";
import { BATCH_TASKS, validateUploadItem, type ValidatedItem } from "../../batch/batch-tasks";
import { toBatchSummary } from "../../batch/batch-view";
import { createBatch } from "../../batch/create-batch";
import { attachmentById } from "../attachments";
import { requireScope, runGuarded, type ToolContext } from "../tool-context";

/** Tools over the caller's account: start a batch of the attachments, read the analysis history. */

// A stored answer can be large (a full OCR page with boxes): the model gets its start.
const MAX_ENTRY_CHARS = 6_000;

export function accountTools(context: ToolContext) {
  return {
    start_batch: tool({
      description:
        "Queue a background batch job that runs one analysis task over several attachments (image-text needs a caption in `text`; safety needs content_type). Answers with the batch id and its status URL; the /batch page shows progress.",
      inputSchema: z.object({
        task: z.enum(BATCH_TASKS.filter((t) => t !== "multilingual") as ["image-text", "document", "safety"]),
        attachment_ids: z.array(z.string().min(1).max(20)).min(1).max(50),
        text: z.string().min(1).max(5_000).optional().describe("image-text: the caption to check against every image"),
        query: z.string().min(1).max(500).optional().describe("document: a question about every page"),
        title: z.string().min(1).max(200).optional(),
      }),
      execute: (input) =>
        runGuarded(context, "start_batch", async () => {
          requireScope(context, "batch", "Starting a batch");
          const shared: Record<string, unknown> =
            input.task === "image-text"
              ? { text: input.text }
              : input.task === "document"
                ? input.query
                  ? { query: input.query }
                  : {}
                : { content_type: "image" };
          const items: ValidatedItem[] = input.attachment_ids.map((id) =>
            validateUploadItem(input.task, shared, attachmentById(context.attachments, id).bytes),
          );
          // The call itself counted one unit; a batch of n items counts n, as POST /api/v1/batch/process does.
          await context.chargeRateLimit(items.length - 1);
          const job = await createBatch({
            handle: await getDatabase(),
            ownerId: ownerIdOf(context.principal),
            items,
            callbackUrl: undefined,
            webhookPerItem: false,
            title: input.title ?? `Assistant: ${input.task} × ${items.length}`,
          });
          const summary = toBatchSummary(job);
          return { batch_id: summary.id, status: summary.status, items: summary.progress.total, status_url: summary.status_url, page: "/batch" };
        }),
    }),

    read_history: tool({
      description: "List the user's recent analyses (newest first), or read one stored analysis in full by its id.",
      inputSchema: z.object({
        analysis_id: z.uuid().optional().describe("Read this analysis (its request and answer)"),
        limit: z.number().int().min(1).max(50).default(10).describe("How many recent analyses to list"),
      }),
      execute: ({ analysis_id, limit }) =>
        runGuarded(context, "read_history", async () => {
          if (context.principal.kind === "anonymous" || !context.db) throw new NotSignedInError("Only a signed-in user or guest has a history.");
          const ownerId = ownerIdOf(context.principal);
          if (!analysis_id) return { analyses: (await listAnalyses({ db: context.db, ownerId, limit })).map(toHistoryItem) };
          const row = await getAnalysis({ db: context.db, ownerId, id: analysis_id });
          if (!row) throw new NotFoundError(`No analysis ${analysis_id} in this user's history.`);
          const entry = toHistoryEntry(row);
          const result = JSON.stringify(entry.result);
          return { ...entry, result: result.length > MAX_ENTRY_CHARS ? `${result.slice(0, MAX_ENTRY_CHARS)}… [cut]` : entry.result };
        }),
    }),
  };
}
