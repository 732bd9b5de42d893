import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/client";
import { insertAnalysis, pruneAnalyses } from "../db/queries/analyses";
import { runAfterResponse } from "../after-response";
import { processSingletonSync } from "../process-singletons";

/**
 * Stores an analysis in its caller's history after the response is sent: what was asked (without
 * the image) and the answer. The image bytes are kept only when the caller asked (`keep_image`).
 * Anonymous callers have no history; guests have one until they expire (or sign up and keep it).
 */

export const HISTORY_KINDS = ["image-text", "document", "multilingual", "safety"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Per user; older analyses are deleted as new ones arrive. */
export const HISTORY_LIMIT = 200;
/**
 * Pruning is a delete that scans the owner's rows: on PGlite it cost more CPU than the insert on every
 * safety call (scripts/bench-request-costs.ts). It runs on an owner's first analysis in this process and
 * then every PRUNE_EVERY-th, so a history holds at most HISTORY_LIMIT + PRUNE_EVERY rows for a moment (newest first, the list is unchanged).
 */
export const PRUNE_EVERY = 20;
const keptSincePrune = () => processSingletonSync("history:kept-since-prune", () => new Map<string, number>());

/** Whether this analysis of `ownerId` should prune the history after it is stored. */
export function pruneDue(ownerId: string): boolean {
  const counts = keptSincePrune();
  // A bound on the map: forgetting the counts only makes the next analysis of each owner prune.
  if (counts.size > 10_000) counts.clear();
  const kept = counts.get(ownerId);
  const due = kept === undefined || kept + 1 >= PRUNE_EVERY;
  counts.set(ownerId, due ? 0 : kept + 1);
  return due;
}

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
    if (pruneDue(ownerId)) await pruneAnalyses({ db, ownerId, keep: HISTORY_LIMIT });
  });
}
