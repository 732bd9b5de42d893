import type { BenchmarkResultView } from "../inference/measurement/result-schema";
import { MISSING, orMissing } from "../format";

/**
 * Per model family, each variant against the family's full-precision member: speed-up (ratio of
 * median latencies), size ratio and accuracy change in points. For the vendor-quantized classifier
 * (no fp32 parent here) the ratios are absent rather than invented, and so are they for a variant
 * measured on another machine than its reference (different CPU, flags or int8 behaviour).
 */

export interface VariantSummary {
  modelId: string;
  variant: string;
  sizeBytes: number;
  p50MsByThreads: Record<number, number>;
  cpuMsPerRun1Thread?: number;
  primaryMetric?: { name: string; value: number; higherIsBetter: boolean };
  parentAgreement?: { name: string; value: number };
  /** Against the family's full-precision variant, when there is one. */
  speedup?: Record<number, number>;
  sizeRatio?: number;
  accuracyDeltaPoints?: number;
  /** Measured on another machine than the family's fp32 reference: no ratios are computed across machines. */
  otherMachine?: string;
}

export interface FamilySummary {
  family: string;
  task: string;
  reference?: string;
  variants: VariantSummary[];
}

const order = { full_precision: 0, quantized: 1, pruned: 2 } as Record<string, number>;

export function summarizeFamilies(results: BenchmarkResultView[]): FamilySummary[] {
  const families = new Map<string, BenchmarkResultView[]>();
  for (const result of results) families.set(result.family, [...(families.get(result.family) ?? []), result]);
  return [...families.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, members]) => {
      members.sort((a, b) => (order[a.variant] ?? 9) - (order[b.variant] ?? 9) || a.modelId.localeCompare(b.modelId));
      const reference = members.find((m) => m.variant === "full_precision");
      const summarize = (r: BenchmarkResultView): VariantSummary => {
        const p50MsByThreads = Object.fromEntries(r.performance.latency.filter((l) => l.batchSize === 1).map((l) => [l.threads, l.p50Ms]));
        const accuracy = r.accuracy.available ? r.accuracy : undefined;
        const primary = accuracy?.metrics.find((m) => m.name === accuracy.primary);
        const agreement = accuracy?.metrics.find((m) => m.name.startsWith("parent_"));
        const summary: VariantSummary = {
          modelId: r.modelId,
          variant: r.variant,
          sizeBytes: r.performance.sizeBytes,
          p50MsByThreads,
          cpuMsPerRun1Thread: r.performance.latency.find((l) => l.threads === 1)?.cpuMsPerRun,
          ...(primary ? { primaryMetric: { name: primary.name, value: primary.value, higherIsBetter: primary.higherIsBetter } } : {}),
          ...(agreement ? { parentAgreement: { name: agreement.name, value: agreement.value } } : {}),
        };
        if (reference && reference !== r && reference.machineFingerprint !== r.machineFingerprint) {
          summary.otherMachine = r.machineFingerprint ?? "unrecorded machine";
        } else if (reference && reference !== r) {
          const referenceSummary = summarize(reference);
          summary.speedup = Object.fromEntries(
            Object.entries(p50MsByThreads)
              .filter(([threads]) => referenceSummary.p50MsByThreads[Number(threads)])
              .map(([threads, ms]) => [threads, Math.round((referenceSummary.p50MsByThreads[Number(threads)] / ms) * 100) / 100]),
          );
          summary.sizeRatio = Math.round((reference.performance.sizeBytes / r.performance.sizeBytes) * 100) / 100;
          if (primary && referenceSummary.primaryMetric && referenceSummary.primaryMetric.name === primary.name) {
            summary.accuracyDeltaPoints = Math.round((primary.value - referenceSummary.primaryMetric.value) * 1000) / 10;
          }
        }
        return summary;
      };
      return { family, task: members[0].task, ...(reference ? { reference: reference.modelId } : {}), variants: members.map(summarize) };
    });
}

/** The README's benchmark table, produced from a run's results (never typed by hand). */
export function familiesToMarkdown(families: FamilySummary[]): string {
  const lines = [
    "| family | variant | model | size | smaller | p50 1 thread | p50 2 threads | faster (1t / 2t) | accuracy | change | agreement with parent |",
    "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|",
  ];
  const fmt = (v: number | undefined, suffix = "") => orMissing(v, (value) => `${value}${suffix}`);
  for (const family of families) {
    for (const v of family.variants) {
      const accuracy = v.primaryMetric ? `${v.primaryMetric.name} ${v.primaryMetric.value}` : MISSING;
      const speed = v.otherMachine ? "other machine" : v.speedup ? `${fmt(v.speedup[1], "x")} / ${fmt(v.speedup[2], "x")}` : MISSING;
      lines.push(
        `| ${family.family} | ${v.variant} | ${v.modelId} | ${(v.sizeBytes / 1e6).toFixed(2)} MB | ${fmt(v.sizeRatio, "x")} | ${fmt(v.p50MsByThreads[1], " ms")} | ${fmt(v.p50MsByThreads[2], " ms")} | ${speed} | ${accuracy} | ${v.accuracyDeltaPoints === undefined ? MISSING : `${v.accuracyDeltaPoints > 0 ? "+" : ""}${v.accuracyDeltaPoints} pt`} | ${v.parentAgreement ? `${v.parentAgreement.name.replace(/^parent_/, "")} ${v.parentAgreement.value}` : MISSING} |`,
      );
    }
  }
  return lines.join("\n");
}
