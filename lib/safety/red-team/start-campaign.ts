import "server-only";
import type { Database } from "../../db/client";
import { ApiError } from "../../errors";
import { completeEvaluationReport, failEvaluationReport, insertEvaluationReport, updateReportProgress } from "../../db/queries/evaluation-reports";
import type { EvaluationReport } from "../../db/schema";
import { log } from "../../log";
import { runCampaign, type CampaignConfig } from "./run-campaign";

/**
 * Starts a red-team campaign as a job: a report row is inserted as "running" and returned at once; the
 * campaign runs in the background of this process, updating progress, and finishes the row with its
 * summary (or the error). When the batch-job queue arrives, only this function changes.
 */

export const RED_TEAM_REPORT_KIND = "red-team";

// A campaign keeps the CPU busy for a minute; one at a time per process keeps the API responsive.
const globalForCampaign = globalThis as unknown as { insightRunningCampaign?: string };

export async function startCampaign({ db, config, ownerId = null }: { db: Database; config: CampaignConfig; ownerId?: string | null }): Promise<{ report: EvaluationReport; done: Promise<void> }> {
  const running = globalForCampaign.insightRunningCampaign;
  if (running) throw new ApiError("conflict", `A red-team campaign is already running (report ${running}); wait for it to finish.`, { report_id: running });
  const title = config.title ?? `Red-team campaign ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
  globalForCampaign.insightRunningCampaign = "(starting)";
  let report: EvaluationReport;
  try {
    report = await insertEvaluationReport({ db, kind: RED_TEAM_REPORT_KIND, title, ownerId, details: { config } });
  } catch (error) {
    globalForCampaign.insightRunningCampaign = undefined;
    throw error;
  }
  globalForCampaign.insightRunningCampaign = report.id;
  let lastWrite = 0;
  const done = runCampaign(config, async (fraction) => {
    // Progress is written at most twice a second, not per batch.
    if (performance.now() - lastWrite < 500 && fraction < 1) return;
    lastWrite = performance.now();
    await updateReportProgress({ db, id: report.id, progress: fraction });
  })
    .then(({ summary, samples }) => completeEvaluationReport({ db, id: report.id, summary, details: { config, samples } }))
    .catch(async (error) => {
      log.error({ err: error, reportId: report.id }, "red-team campaign failed");
      await failEvaluationReport({ db, id: report.id, error: (error as Error).message }).catch(() => {});
    })
    .finally(() => {
      if (globalForCampaign.insightRunningCampaign === report.id) globalForCampaign.insightRunningCampaign = undefined;
    });
  return { report, done };
}
