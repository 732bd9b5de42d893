import "server-only";
import type { MachineDescription } from "../../inference/measurement/describe-machine";
import type { Database } from "../../db/client";
import { insertEvaluationReport } from "../../db/queries/evaluation-reports";
import { describeSafetyFiles } from "../dataset/read-safety-files";
import type { SafetyFiles } from "../dataset/safety-rows";
import { HELD_OUT_TARGET, type HeldOutFigures } from "./leave-one-source-out";
import type { ApiPathCpu } from "./measure-detector-cost";
import type { ImageCheckLatency } from "./measure-latency";
import type { TestSplitFigures } from "./summarize-test-split";
import { formatPercent } from "../../format";

/**
 * The stored shape of a safety benchmark (evaluation_reports, kind "safety-benchmark", reportVersion 2),
 * built the same way by scripts/bench-safety.ts (with held-out sources and image-check latency) and by
 * the start-up model lab (test split only), and read by the public dashboard.
 */

export const SAFETY_BENCHMARK_KIND = "safety-benchmark";
/** The goals of issue #20 (test split, per release). Field names kept from report version 2 so stored reports still parse. */
export const SAFETY_TARGETS = {
  /** FPR on every category of benign_everyday and benign_prompts, as a prompt and as document text. */
  everydayMaxFpr: 0.01,
  /** On eval.jsonl + injections_extra.jsonl together (benign rows: eval.jsonl's). */
  evalPrompts: { minTpr: 0.9, maxFpr: 0.02 },
  /** TPR on each injections_extra category and on each language with at least `minLanguageRows` test attacks. */
  perCategoryMinTpr: 0.8,
  minLanguageRows: 30,
  heldOut: HELD_OUT_TARGET,
  cpuMedianMsPerPrompt: 5,
  addedRssMb: 20,
};

export function safetyBenchmarkSummary(input: {
  files: Required<SafetyFiles>;
  model: { format: string; thresholds: { prompt: number; document: number } };
  testSplit: TestSplitFigures;
  heldOut: HeldOutFigures[];
  imageLatency?: ImageCheckLatency;
  /** Resident memory the detector adds to a process (weights decoded, first checks run), MB. */
  addedRssMb?: number;
  apiPathCpu?: ApiPathCpu;
  machine: MachineDescription;
  startedAtMs: number;
}) {
  const { machine } = input;
  return {
    reportVersion: 2 as const,
    data: { files: describeSafetyFiles(input.files) },
    model: { ...input.model, fitRecord: "models/safety/injection-classifier.fit.json" },
    targets: SAFETY_TARGETS,
    testSplit: input.testSplit,
    heldOut: input.heldOut,
    ...(input.imageLatency ? { imageLatency: input.imageLatency } : {}),
    addedRssMb: input.addedRssMb,
    apiPathCpu: input.apiPathCpu,
    machine: { cpuModel: machine.cpuModel, cores: machine.cores, cpuFlags: machine.cpuFlags, nodeVersion: machine.nodeVersion },
    durationSeconds: Math.round((performance.now() - input.startedAtMs) / 1000),
  };
}
export type SafetyBenchmarkSummary = ReturnType<typeof safetyBenchmarkSummary>;

export async function storeSafetyBenchmark({ db, summary }: { db: Database; summary: SafetyBenchmarkSummary }) {
  const pct = (x?: number) => formatPercent(x, 1);
  const overall = summary.testSplit.attacks.overall;
  const worstEveryday = Math.max(...summary.testSplit.everyday.byCategory.map((c) => c.fpr ?? 0));
  return insertEvaluationReport({
    db,
    kind: SAFETY_BENCHMARK_KIND,
    status: "done",
    title: `Safety benchmark: TPR ${pct(overall.tpr)} at FPR ${pct(overall.fpr)} on eval.jsonl + injections_extra test rows; everyday FPR at most ${pct(worstEveryday)}${summary.heldOut.length ? "" : " (no held-out sources)"}`,
    summary,
  });
}
