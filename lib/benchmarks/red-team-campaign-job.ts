import "server-only";
import { getDatabase } from "../db/client";
import {
  completeEvaluationReport,
  failEvaluationReport,
  getEvaluationReport,
  insertEvaluationReport,
  markReportRunning,
  updateReportProgress,
} from "../db/queries/evaluation-reports";
import type { EvaluationReport, JobRow } from "../db/schema";
import { transactionWithSql } from "../db/transaction-with-sql";
import { getJobQueue } from "../jobs/job-queue";
import { enqueueTrackedJob, runTrackedJob, type TrackedKindRunner } from "../jobs/tracked-job";
import { runCampaign, type CampaignConfig } from "../safety/red-team/run-campaign";

/**
 * Red-team campaigns as jobs: the report row (status queued) and the job commit together; one
 * campaign runs at a time on the whole cluster (the rest wait queued); the report's progress is
 * the job's, and a campaign whose process dies ends failed instead of "running" forever.
 */

export const RED_TEAM_REPORT_KIND = "red-team";

export async function queueCampaign({ ownerId, config }: { ownerId: string; config: CampaignConfig }): Promise<EvaluationReport> {
  const title = config.title ?? `Red-team campaign ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
  await getJobQueue();
  return transactionWithSql(await getDatabase(), async (tx) => {
    const report = await insertEvaluationReport({ db: tx.db, kind: RED_TEAM_REPORT_KIND, title, ownerId, status: "queued", details: { config } });
    await enqueueTrackedJob(tx, { kind: "red-team", ownerId, title, params: { config, report_id: report.id }, summary: { report_id: report.id } });
    return report;
  });
}

async function runCampaignJob(jobId: string): Promise<void> {
  const { db } = await getDatabase();
  await runTrackedJob(jobId, async ({ job, progress }) => {
    const { config, report_id: reportId } = job.params as { config: CampaignConfig; report_id: string };
    await markReportRunning({ db, id: reportId });
    let lastWrite = 0;
    try {
      const { summary, samples } = await runCampaign(config, async (scored, total) => {
        // Progress is written at most twice a second, not per batch of cases.
        if (performance.now() - lastWrite < 500 && scored < total) return;
        lastWrite = performance.now();
        await Promise.all([updateReportProgress({ db, id: reportId, progress: scored / total }), progress({ total, done: scored, failed: 0 })]);
      });
      await completeEvaluationReport({ db, id: reportId, summary, details: { config, samples } });
      return { detected: summary.attacks.rate, cases: samples.length };
    } catch (error) {
      await failEvaluationReport({ db, id: reportId, error: (error as Error).message });
      throw error;
    }
  });
}

async function failInterruptedCampaign(job: JobRow): Promise<void> {
  const reportId = (job.params as { report_id?: string }).report_id;
  if (!reportId) return;
  const { db } = await getDatabase();
  const report = await getEvaluationReport({ db, id: reportId });
  if (report && (report.status === "running" || report.status === "queued"))
    await failEvaluationReport({ db, id: reportId, error: "interrupted: the process running it stopped" });
}

/** The "red-team" kind's runner, handed to the tracked jobs by lib/instance at start. */
export const campaignJobRunner: TrackedKindRunner = { run: runCampaignJob, onInterrupted: failInterruptedCampaign };
