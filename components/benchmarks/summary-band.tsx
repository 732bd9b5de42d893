import type { ReactNode } from "react";
import type { SafetyFigures } from "@/lib/benchmarks/get-safety-figures";
import type { LoadRun } from "@/lib/benchmarks/load/load-run-schema";
import type { BenchmarkRunView } from "@/lib/inference/measurement/result-schema";
import type { VariantSummary } from "@/lib/benchmarks/summarize-families";
import { formatRateWithInterval } from "@/lib/safety/benchmark/detection-metrics";
import { formatMb, formatMs, metricLabel } from "./benchmark-view";
import { accuracyCostText, type HeadlineComparison, headlineSpeedup, servingTakeaway, sizeText, speedText } from "./takeaways";

const threadsText = (threads: number) => `${threads} thread${threads === 1 ? "" : "s"}`;

function Tile({ title, children, testId, href }: { title: string; children: ReactNode; testId: string; href: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      <div className="mt-2 space-y-1 text-sm text-slate-800">{children}</div>
      <a href={href} className="mt-2 inline-block text-xs text-brand-700 underline">
        Details<span className="sr-only">: {title}</span>
      </a>
    </div>
  );
}

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <p className="flex items-baseline justify-between gap-2">
      <span className="text-slate-600">{label}</span>
      <span className="font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </span>
    </p>
  );
}

function VariantLine({ label, variant, value }: { label: string; variant: VariantSummary | undefined; value: (v: VariantSummary) => string }) {
  return <Line label={label} value={variant ? value(variant) : "not measured"} />;
}

/**
 * The first screen of /benchmarks: the three headline comparisons (size, speed, accuracy cost of int8
 * and pruned against fp32, for the family with the most variants), serving throughput, the injection
 * detector's accuracy and the machine — every figure computed from the stored runs.
 */
export function SummaryBand({
  headline,
  headlineThreads,
  loadRun,
  safety,
  machineRun,
}: {
  headline: HeadlineComparison | undefined;
  headlineThreads: number;
  loadRun: LoadRun | null;
  safety: SafetyFigures | undefined;
  machineRun: BenchmarkRunView | undefined;
}) {
  const ref = headline?.reference;
  const refLatency = ref?.p50MsByThreads[headlineThreads];
  const serving = loadRun ? servingTakeaway(loadRun) : undefined;
  const overall = safety?.testSplit.evalPrompts.overall;
  const machine = machineRun?.machine;
  const flags = Array.isArray(machine?.cpuFlags) ? (machine.cpuFlags as unknown[]).map(String) : [];
  return (
    <section aria-labelledby="summary-heading" data-testid="benchmarks-summary">
      <h2 id="summary-heading" className="sr-only">
        Summary
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {headline && ref ? (
          <>
            <Tile title={`Size vs fp32 (${headline.family}, ${formatMb(ref.sizeBytes)} MB)`} testId="summary-size" href="#variants">
              <VariantLine label="int8" variant={headline.int8} value={(v) => (v.sizeRatio === undefined ? "not comparable" : sizeText(v.sizeRatio))} />
              <VariantLine label="pruned" variant={headline.pruned} value={(v) => (v.sizeRatio === undefined ? "not comparable" : sizeText(v.sizeRatio))} />
            </Tile>
            <Tile
              title={`Speed vs fp32 (p50${refLatency === undefined ? "" : ` ${formatMs(refLatency)} ms`}, ${threadsText(headlineThreads)})`}
              testId="summary-speed"
              href="#latency-size"
            >
              <VariantLine
                label="int8"
                variant={headline.int8}
                value={(v) => {
                  const s = headlineSpeedup(v, headlineThreads);
                  return s ? speedText(s.ratio) : "not measured";
                }}
              />
              <VariantLine
                label="pruned"
                variant={headline.pruned}
                value={(v) => {
                  const s = headlineSpeedup(v, headlineThreads);
                  return s ? speedText(s.ratio) : "not measured";
                }}
              />
            </Tile>
            <Tile
              title={`Accuracy cost vs fp32${ref.primaryMetric ? ` (${metricLabel(ref.primaryMetric.name)})` : ""}`}
              testId="summary-accuracy"
              href="#figures"
            >
              <VariantLine label="int8" variant={headline.int8} value={accuracyCostText} />
              <VariantLine label="pruned" variant={headline.pruned} value={accuracyCostText} />
            </Tile>
          </>
        ) : (
          <div
            className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm sm:col-span-2 lg:col-span-3"
            data-testid="summary-pending"
          >
            No family has both a full-precision model and a quantized or pruned variant measured yet: the comparison appears here once the benchmark run below
            has measured them.
          </div>
        )}
        <Tile title="Serving throughput over HTTP" testId="summary-serving" href="#serving">
          {serving ? (
            <>
              <p className="text-lg font-semibold tabular-nums text-slate-900">{serving.bestRps.toFixed(1)} req/s</p>
              <p className="text-xs text-slate-600">
                {serving.route}, concurrency {serving.concurrency}, batching {serving.batching}
              </p>
            </>
          ) : (
            <p className="text-slate-600">
              Not measured on this instance yet (<code>npm run bench:load</code>).
            </p>
          )}
        </Tile>
        <Tile title="Prompt-injection detector" testId="summary-detector" href="#safety">
          {overall ? (
            <>
              <Line label="attacks caught" value={formatRateWithInterval(overall.tpr, overall.tprInterval)} testId="summary-detector-tpr" />
              <Line label="ordinary text flagged" value={formatRateWithInterval(overall.fpr, overall.fprInterval)} testId="summary-detector-fpr" />
            </>
          ) : (
            <p className="text-slate-600">Not measured on this instance yet (the start-up lab measures it when the evaluation data is present).</p>
          )}
        </Tile>
        <Tile title="Measured on" testId="summary-machine" href="#machine">
          {machine ? (
            <>
              <p className="font-semibold text-slate-900">{String(machine.cpuModel ?? "unknown CPU")}</p>
              <p className="text-xs text-slate-600">
                {String(machine.cores ?? "?")} cores; {flags.length ? flags.join(", ") : "no int8-relevant instruction sets"}
              </p>
            </>
          ) : (
            <p className="text-slate-600">No benchmark run stored yet.</p>
          )}
        </Tile>
      </div>
    </section>
  );
}
