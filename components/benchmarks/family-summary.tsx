import type { FamilySummary, VariantSummary } from "@/lib/benchmarks/summarize-families";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatMb, formatMs, formatPoints, formatRate, kindLabels, metricLabel, type VariantKind } from "./benchmark-view";
import { PruningNote } from "./pruning-note";

const kindTone = { full_precision: "info", quantized: "good", pruned: "warn" } as const;
const kindOf = (variant: string) => (variant in kindLabels ? (variant as VariantKind) : undefined);
const speedText = (ratio: number) => (ratio >= 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× slower`);
const sizeText = (ratio: number) => (ratio >= 1 ? `${ratio.toFixed(2)}× smaller` : `${(1 / ratio).toFixed(2)}× larger`);
const threadsText = (threads: number) => `${threads} thread${threads === 1 ? "" : "s"}`;

function KindBadge({ variant }: { variant: string }) {
  const kind = kindOf(variant);
  return <Badge tone={kind ? kindTone[kind] : "neutral"}>{kind ? kindLabels[kind] : variant}</Badge>;
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-base font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {detail && <dd className="text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}

function VariantRow({ variant, headlineThreads }: { variant: VariantSummary; headlineThreads: number }) {
  const speedups = Object.entries(variant.speedup ?? {}).map(([threads, ratio]) => ({ threads: Number(threads), ratio }));
  const headline = speedups.find((s) => s.threads === headlineThreads) ?? speedups[0];
  const others = speedups.filter((s) => s !== headline);
  const metric = variant.primaryMetric;
  return (
    <li className="space-y-2 border-t border-slate-100 pt-3" data-testid="variant-comparison" data-model={variant.modelId}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <KindBadge variant={variant.variant} />
        <code className="text-slate-800">{variant.modelId}</code>
      </p>
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <Stat
          label={headline ? `Speed, p50 at ${threadsText(headline.threads)}` : "Speed"}
          value={headline ? speedText(headline.ratio) : "not measured"}
          detail={others.map((s) => `${speedText(s.ratio)} at ${threadsText(s.threads)}`).join(" · ") || undefined}
          testId="speed-up"
        />
        <Stat
          label="File size"
          value={variant.sizeRatio === undefined ? "not comparable" : sizeText(variant.sizeRatio)}
          detail={`${formatMb(variant.sizeBytes)} MB`}
          testId="size-ratio"
        />
        <Stat
          label={metric ? `Accuracy (${metricLabel(metric.name)})` : "Accuracy"}
          value={variant.accuracyDeltaPoints === undefined ? "not comparable" : formatPoints(variant.accuracyDeltaPoints)}
          detail={
            [
              metric && `${formatRate(metric.value)}${metric.higherIsBetter ? "" : ", lower is better"}`,
              variant.parentAgreement && `${metricLabel(variant.parentAgreement.name)} ${formatRate(variant.parentAgreement.value)}`,
            ]
              .filter(Boolean)
              .join(" · ") || undefined
          }
          testId="accuracy-delta"
        />
      </dl>
    </li>
  );
}

/**
 * The headline of one family: its fp32 model, then each variant against it. The ratios and deltas
 * come from lib/benchmarks/summarize-families (the same numbers the README table shows).
 */
export function FamilySummaryCard({ summary, headlineThreads, className = "" }: { summary: FamilySummary; headlineThreads: number; className?: string }) {
  const reference = summary.variants.find((v) => v.modelId === summary.reference);
  const others = summary.variants.filter((v) => v !== reference);
  const referenceLatency = reference?.p50MsByThreads[headlineThreads];
  return (
    <Card data-testid="family-summary" data-family={summary.family} className={`space-y-3 ${className}`}>
      <header>
        <h3 className="font-semibold text-slate-900">{summary.family}</h3>
        <p className="text-xs text-slate-500">{summary.task}</p>
      </header>
      {reference ? (
        <p className="text-sm text-slate-700">
          <KindBadge variant={reference.variant} /> <code>{reference.modelId}</code>:{" "}
          {referenceLatency === undefined ? "latency not measured" : `p50 ${formatMs(referenceLatency)} ms at ${threadsText(headlineThreads)}`},{" "}
          {formatMb(reference.sizeBytes)} MB
          {reference.primaryMetric
            ? `, ${metricLabel(reference.primaryMetric.name)} ${formatRate(reference.primaryMetric.value)}`
            : ", accuracy not measured for this task"}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            No full-precision variant of this family on this instance to compare with
            {summary.variants.some((v) => v.variant === "quantized") && ": the quantized model is int8 as published, shown as a vendor-quantized reference"}.
          </p>
          <ul className="space-y-1 text-sm text-slate-700">
            {summary.variants.map((v) => (
              <li key={v.modelId} data-testid="variant-figures">
                <KindBadge variant={v.variant} /> <code>{v.modelId}</code>:{" "}
                {v.p50MsByThreads[headlineThreads] === undefined
                  ? "latency not measured"
                  : `p50 ${formatMs(v.p50MsByThreads[headlineThreads])} ms at ${threadsText(headlineThreads)}`}
                , {formatMb(v.sizeBytes)} MB{v.primaryMetric ? `, ${metricLabel(v.primaryMetric.name)} ${formatRate(v.primaryMetric.value)}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {!reference ? null : others.length > 0 ? (
        <ul className="space-y-3">
          {others.map((v) => (
            <VariantRow key={v.modelId} variant={v} headlineThreads={headlineThreads} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No quantized or pruned variant of this family has been measured yet.</p>
      )}
      {summary.variants.some((v) => v.variant === "pruned") && <PruningNote />}
    </Card>
  );
}
