import "server-only";
import { z } from "zod";
import type { Database } from "../db/client";
import { listEvaluationReports } from "../db/queries/evaluation-reports";
import { SAFETY_BENCHMARK_KIND } from "../safety/benchmark/safety-benchmark-report";

/**
 * The newest stored safety benchmark (scripts/bench-safety.ts --store, or the start-up model lab) for
 * the public dashboard: eval.jsonl and benign_everyday test rows, both modes, held-out sources and CPU
 * time. Only the parts the dashboard shows are read, through a schema, so an older report shape is
 * skipped, not mis-shown.
 */

const interval = z.tuple([z.number(), z.number()]);
const metrics = z.object({
  rows: z.number(),
  tpr: z.number().optional(),
  tprInterval: interval.optional(),
  fpr: z.number().optional(),
  fprInterval: interval.optional(),
  precision: z.number().optional(),
});

export const safetyFiguresSchema = z.object({
  reportVersion: z.literal(2),
  testSplit: z.object({
    evalPrompts: z.object({
      overall: metrics,
      layers: z.object({ signaturesOnly: metrics, classifierOnly: metrics }),
      bySource: z.array(metrics.extend({ source: z.string() })),
    }),
    everyday: z.object({ byCategory: z.array(metrics.extend({ category: z.string() })) }),
    documentMode: z.object({ evalAttacks: metrics, everydayByCategory: z.array(metrics.extend({ category: z.string() })) }),
    balancedAccuracy: z.object({ value: z.number(), categories: z.array(z.object({ category: z.string() })) }),
    cpu: z.object({ samples: z.number(), medianMsPerPrompt: z.number(), p90MsPerPrompt: z.number() }),
  }),
  heldOut: z.array(metrics.extend({ source: z.string(), meetsTarget: z.boolean() })).default([]),
  targets: z.object({
    everydayMaxFpr: z.number(),
    evalPrompts: z.object({ minTpr: z.number(), maxFpr: z.number() }),
    heldOut: z.object({ minTpr: z.number(), maxFpr: z.number() }),
    cpuMedianMsPerPrompt: z.number(),
  }),
  machine: z.object({ cpuModel: z.string(), cores: z.number(), cpuFlags: z.array(z.string()) }),
});
export type SafetyFigures = z.infer<typeof safetyFiguresSchema> & { reportId: string; measuredAt: string };
export type SafetyMetrics = z.infer<typeof metrics>;

export async function getSafetyFigures({ db }: { db: Database }): Promise<SafetyFigures | undefined> {
  const reports = await listEvaluationReports({ db, kind: SAFETY_BENCHMARK_KIND, limit: 10 });
  for (const report of reports) {
    if (report.status !== "done") continue;
    const parsed = safetyFiguresSchema.safeParse(report.summary);
    if (parsed.success) return { ...parsed.data, reportId: report.id, measuredAt: (report.finishedAt ?? report.createdAt).toISOString() };
  }
  return undefined;
}
