import { DetectionOverlay } from "@/components/analyze/detection-overlay";
import { Badge } from "@/components/ui/badge";
import { formatMb, formatMs, formatRate, kindLabels, type VariantKind } from "./benchmark-view";
import { classificationOutputSchema, detectionOutputSchema, type ComparedVariant } from "./compare-output";

const kindTone = { full_precision: "info", quantized: "good", pruned: "warn" } as const;
const isKind = (v: string): v is VariantKind => v in kindLabels;
const agreementLabels: Record<string, string> = {
  detection_f1_vs_full_precision: "detection F1 vs fp32",
  same_top1_as_full_precision: "same top-1 label as fp32",
};

function Output({ output, imageUrl }: { output: unknown; imageUrl: string }) {
  const detection = detectionOutputSchema.safeParse(output);
  if (detection.success) {
    const { image, objects } = detection.data;
    return (
      <div className="space-y-2">
        <DetectionOverlay src={imageUrl} width={image.width} height={image.height} items={objects} />
        <p className="text-xs text-slate-600" data-testid="compare-objects">
          {objects.length === 0 ? "No objects detected." : objects.map((o) => `${o.label} ${Math.round(o.score * 100)}%`).join(", ")}
        </p>
      </div>
    );
  }
  const classification = classificationOutputSchema.safeParse(output);
  if (classification.success) {
    return (
      <ol className="space-y-1 text-sm" data-testid="compare-labels">
        {classification.data.labels.map((l) => (
          <li key={l.label} className="flex justify-between gap-3">
            <span>{l.label}</span>
            <span className="tabular-nums text-slate-600">{formatRate(l.probability)}</span>
          </li>
        ))}
      </ol>
    );
  }
  return <p className="text-sm text-slate-500">This variant answered in a shape this page cannot draw.</p>;
}

/** One variant's answer to the visitor's image: output, latency on this input, agreement with fp32. */
export function ComparedVariantCard({ variant, imageUrl }: { variant: ComparedVariant; imageUrl: string }) {
  const kind = isKind(variant.variant) ? variant.variant : undefined;
  return (
    <article className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="compared-variant" data-variant={variant.variant}>
      <header className="flex flex-wrap items-center gap-2">
        <Badge tone={kind ? kindTone[kind] : "neutral"}>{kind ? kindLabels[kind] : variant.variant}</Badge>
        {variant.available && <code className="text-sm text-slate-800">{variant.model_id}</code>}
      </header>
      {variant.available ? (
        <>
          <dl className="grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-xs text-slate-500">Latency</dt>
              <dd className="font-semibold" data-testid="compare-latency">
                {formatMs(variant.latency_ms)} ms
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Size</dt>
              <dd className="font-semibold">{formatMb(variant.size_bytes)} MB</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">
                {variant.agreement ? (agreementLabels[variant.agreement.metric] ?? variant.agreement.metric.replaceAll("_", " ")) : "Agreement"}
              </dt>
              <dd className="font-semibold" data-testid="compare-agreement">
                {variant.agreement ? formatRate(variant.agreement.value) : variant.variant === "full_precision" ? "reference" : "no fp32 answer to compare"}
              </dd>
            </div>
          </dl>
          <Output output={variant.output} imageUrl={imageUrl} />
        </>
      ) : (
        <p className="text-sm text-slate-600" data-testid="compare-unavailable">
          Not available: {variant.reason}
        </p>
      )}
    </article>
  );
}
