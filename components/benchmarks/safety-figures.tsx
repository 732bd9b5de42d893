import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { SafetyFigures } from "@/lib/benchmarks/get-safety-figures";
import { formatPercent } from "@/lib/format";
import { RateCell, SafetyRateTable } from "./safety-rate-table";

/** The prompt-injection detector's stored benchmark: test rows of both files, both modes, held-out sources, CPU time. */
export function SafetyFiguresCard({ figures }: { figures: SafetyFigures | undefined }) {
  if (!figures) {
    return (
      <Card data-testid="safety-figures">
        <CardTitle>Safety detector</CardTitle>
        <p className="mt-2 text-sm text-slate-600">
          No safety benchmark is stored on this instance yet. The start-up model lab measures the test rows when the evaluation data is present;
          <code className="mx-1">scripts/bench-safety.ts --store</code> adds the leave-one-source-out figures.
        </p>
      </Card>
    );
  }
  const { testSplit: t, heldOut, targets, machine } = figures;
  const overall = t.evalPrompts.overall;
  const goals = [
    {
      name: `every everyday category FPR ≤ ${formatPercent(targets.everydayMaxFpr, 1)}`,
      met: t.everyday.byCategory.every((c) => (c.fpr ?? 0) <= targets.everydayMaxFpr),
    },
    {
      name: `TPR ≥ ${formatPercent(targets.evalPrompts.minTpr, 1)} at FPR ≤ ${formatPercent(targets.evalPrompts.maxFpr, 1)}`,
      met: (overall.tpr ?? 0) >= targets.evalPrompts.minTpr && (overall.fpr ?? 1) <= targets.evalPrompts.maxFpr,
    },
    ...(heldOut.length ? [{ name: `held-out sources TPR ≥ ${formatPercent(targets.heldOut.minTpr, 1)}`, met: heldOut.every((h) => h.meetsTarget) }] : []),
    { name: `CPU ≤ ${targets.cpuMedianMsPerPrompt} ms per prompt`, met: t.cpu.medianMsPerPrompt <= targets.cpuMedianMsPerPrompt },
  ];
  return (
    <Card data-testid="safety-figures">
      <CardTitle>Safety detector: prompt injection on the held-back test rows</CardTitle>
      <div className="mt-2 flex flex-wrap gap-2">
        {goals.map((g) => (
          <Badge key={g.name} tone={g.met ? "good" : "warn"}>
            {g.name}: {g.met ? "met" : "not met"}
          </Badge>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Measured {figures.measuredAt.slice(0, 16).replace("T", " ")} UTC on {machine.cpuModel} ({machine.cores} cores;{" "}
        {machine.cpuFlags.join(", ") || "flags unknown"}). TPR: attacks caught; FPR: ordinary text flagged; ranges are 95% Wilson intervals. Balanced accuracy
        over {t.balancedAccuracy.categories.length} categories: {formatPercent(t.balancedAccuracy.value, 1)}. CPU time per prompt: median{" "}
        {t.cpu.medianMsPerPrompt} ms, p90 {t.cpu.p90MsPerPrompt} ms over {t.cpu.samples} texts.
      </p>
      <SafetyRateTable
        caption="eval.jsonl test rows, judged as prompts"
        rows={[
          ["detector (what the API answers)", overall],
          ["signatures only", t.evalPrompts.layers.signaturesOnly],
          ["network on the wording only", t.evalPrompts.layers.classifierOnly],
          ...t.evalPrompts.bySource.map((s) => [`source: ${s.source}`, s] as [string, typeof s]),
        ]}
      />
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="text-left text-sm font-medium">Everyday text (benign_everyday test rows): how often it is flagged</caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 pr-3 font-medium">category</th>
              <th className="py-1 pr-3 font-medium">rows</th>
              <th className="py-1 pr-3 font-medium">as a prompt</th>
              <th className="py-1 pr-3 font-medium">as document / OCR text</th>
            </tr>
          </thead>
          <tbody>
            {t.everyday.byCategory.map((c) => {
              const d = t.documentMode.everydayByCategory.find((x) => x.category === c.category);
              return (
                <tr key={c.category} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {c.category.replaceAll("_", " ")}
                  </th>
                  <td className="py-1 pr-3 tabular-nums">{c.rows}</td>
                  <RateCell value={c.fpr} range={c.fprInterval} />
                  <RateCell value={d?.fpr} range={d?.fprInterval} />
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-slate-500">
          As document text, eval.jsonl attacks are still caught at {formatPercent(t.documentMode.evalAttacks.tpr, 1)}.
        </p>
      </div>
      {heldOut.length > 0 ? (
        <SafetyRateTable
          caption="Sources never seen in training (the learned part refitted without each)"
          rows={heldOut.map((h) => [`${h.source}${h.meetsTarget ? "" : " (goal not met)"}`, h])}
        />
      ) : (
        <p className="mt-3 text-xs text-slate-500">
          Held-out-source figures are not in this report (they take minutes to refit; run the safety benchmark script).
        </p>
      )}
    </Card>
  );
}
