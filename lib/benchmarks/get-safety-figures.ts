import "server-only";
import { z } from "zod";
import type { Database } from "../db/client";
import { listEvaluationReports } from "../db/queries/evaluation-reports";
import { SAFETY_BENCHMARK_KIND } from "../safety/benchmark/safety-benchmark-report";

/**
 * The newest stored safety benchmark (scripts/bench-safety.ts --store, or the start-up model lab) for
 * the public dashboard: test-split detection and the leave-one-source-out figures. Only the parts the
 * dashboard shows are read, through a schema, so an older report shape is skipped, not mis-shown.
 */

const metrics = z.object({ rows: z.number(), tpr: z.number().optional(), fpr: z.number().optional(), precision: z.number().optional() });

export const safetyFiguresSchema = z.object({
  testSplit: z.object({
    overall: metrics,
    layers: z.object({ signaturesOnly: metrics, classifierOnly: metrics }),
    notInjectHardNegatives: metrics,
  }),
  heldOut: z.array(metrics.extend({ source: z.string(), meetsTarget: z.boolean() })).default([]),
  targets: z.object({ testSplit: z.object({ minTpr: z.number(), maxFpr: z.number() }), heldOut: z.object({ minTpr: z.number(), maxFpr: z.number() }) }),
});
export type SafetyFigures = z.infer<typeof safetyFiguresSchema> & { reportId: string; measuredAt: string };

export async function getSafetyFigures({ db }: { db: Database }): Promise<SafetyFigures | undefined> {
  const reports = await listEvaluationReports({ db, kind: SAFETY_BENCHMARK_KIND, limit: 10 });
  for (const report of reports) {
    if (report.status !== "completed") continue;
    const parsed = safetyFiguresSchema.safeParse(report.summary);
    if (parsed.success) return { ...parsed.data, reportId: report.id, measuredAt: (report.finishedAt ?? report.createdAt).toISOString() };
  }
  return undefined;
}
