// POST /api/v1/evaluate/red-team - queue a red-team campaign (a job; answers 202 with its report, status queued)
// GET  /api/v1/evaluate/red-team - red-team reports, newest first
import * as api from "@/lib/api-contract/safety";
import { ownerIdOf } from "@/lib/auth/principal";
import { listEvaluationReports } from "@/lib/db/queries/evaluation-reports";
import { jobsByParam } from "@/lib/db/queries/jobs";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { queueCampaign, RED_TEAM_REPORT_KIND } from "@/lib/benchmarks/red-team-campaign-job";
import { reportListSchema, reportSchema, toReportView } from "@/lib/safety/red-team/report-schema";

export const dynamic = "force-dynamic";

export const POST = withApi(api.startRedTeam, async (_request, { principal, input }) => {
  const report = await queueCampaign({ config: input.body, ownerId: ownerIdOf(principal) });
  return jsonResponse(reportSchema.parse(toReportView(report)), { status: 202, headers: { location: `/api/v1/evaluate/red-team/${report.id}` } });
});

export const GET = withApi(api.listRedTeam, async (_request, { principal, database }) => {
  const db = await database();
  const rows = await listEvaluationReports({ db, kind: RED_TEAM_REPORT_KIND, ownerId: ownerIdOf(principal) });
  const jobs = await jobsByParam({ db, kind: "red-team", param: "report_id", values: rows.map((r) => r.id) });
  const jobOf = new Map(jobs.map((job) => [(job.params as { report_id: string }).report_id, job]));
  return jsonResponse(reportListSchema.parse({ reports: rows.map((row) => toReportView(row, jobOf.get(row.id))) }));
});
