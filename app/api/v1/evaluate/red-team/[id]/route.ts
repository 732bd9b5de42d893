// GET /api/v1/evaluate/red-team/{id} - one red-team report with its progress, summary and samples
import * as api from "@/lib/api-contract/safety";
import { getEvaluationReport } from "@/lib/db/queries/evaluation-reports";
import { jobsByParam } from "@/lib/db/queries/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";
import { reportSchema, toReportView } from "@/lib/safety/red-team/report-schema";
import { RED_TEAM_REPORT_KIND } from "@/lib/benchmarks/red-team-campaign-job";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getRedTeam, async (_request, { params, principal, database }) => {
  const { id } = params;
  const report = await getEvaluationReport({ db: await database(), id, kind: RED_TEAM_REPORT_KIND, ownerId: ownerIdOf(principal) });
  if (!report) notFound(`No red-team report with id "${id.slice(0, 64)}".`);
  const [job] = await jobsByParam({ db: await database(), kind: "red-team", param: "report_id", values: [report.id] });
  return jsonResponse(reportSchema.parse(toReportView(report, job)));
});
