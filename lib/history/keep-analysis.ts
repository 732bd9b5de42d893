import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/client";
import { insertAnalysis, pruneAnalyses } from "../db/queries/analyses";
import { runAfterResponse } from "../after-response";

/**
 * Stores an analysis in its caller's history after the response is sent: what was asked (without
 * the image) and the answer. The image bytes are kept only when the caller asked (`keep_image`).
 * Anonymous callers have no history; guests have one until they expire (or sign up and keep it).
 */

export const HISTORY_KINDS = ["image-text", "document", "multilingual", "safety"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Per user; older analyses are deleted as new ones arrive. */
export const HISTORY_LIMIT = 200;
/** Answers larger than this are not kept (a 100k-character multilingual answer, say). */
const MAX_RESULT_BYTES = 512 * 1024;

export interface AnalysisToKeep {
  kind: HistoryKind;
  title: string;
  request: Record<string, unknown>;
  result: unknown;
  image?: { bytes: Buffer; type: string | undefined };
}

export function keepAnalysis({ db, principal, analysis }: { db: Database | undefined; principal: Principal; analysis: AnalysisToKeep }): void {
  if (!db || principal.kind === "anonymous") return;
  const ownerId = principal.user.id;
  const resultText = JSON.stringify(analysis.result);
  const resultBytes = Buffer.byteLength(resultText);
  if (resultBytes > MAX_RESULT_BYTES) return;
  runAfterResponse("history", async () => {
    await insertAnalysis({
      db,
      values: {
        ownerId,
        kind: analysis.kind,
        title: analysis.title.replace(/\s+/g, " ").trim().slice(0, 120) || analysis.kind,
        request: analysis.request,
        result: analysis.result as object,
        resultBytes,
        imageBytes: analysis.image?.bytes ?? null,
        imageType: analysis.image ? (analysis.image.type ?? "application/octet-stream") : null,
      },
    });
    await pruneAnalyses({ db, ownerId, keep: HISTORY_LIMIT });
  });
}
