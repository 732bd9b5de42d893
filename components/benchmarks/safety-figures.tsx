import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { SafetyFigures } from "@/lib/benchmarks/get-safety-figures";

const pct = (x?: number) => (x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);

/** The prompt-injection detector's stored benchmark: test split, per layer, and held-out sources. */
export function SafetyFiguresCard({ figures }: { figures: SafetyFigures | undefined }) {
  if (!figures) {
    return (
      <Card data-testid="safety-figures">
        <CardTitle>Safety detector</CardTitle>
        <p className="mt-2 text-sm text-slate-600">
          No safety benchmark is stored on this instance yet. The start-up model lab measures the test split when the evaluation data is present;
          <code className="mx-1">scripts/bench-safety.ts --store</code> adds the leave-one-source-out figures.
        </p>
      </Card>
    );
  }
  const { testSplit, heldOut, targets } = figures;
  const meets = (testSplit.overall.tpr ?? 0) >= targets.testSplit.minTpr && (testSplit.overall.fpr ?? 1) <= targets.testSplit.maxFpr;
  return (
    <Card data-testid="safety-figures">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Safety detector: prompt injection on the held-back test split</CardTitle>
        <Badge tone={meets ? "good" : "warn"}>
          target ≥ {pct(targets.testSplit.minTpr)} TPR at ≤ {pct(targets.testSplit.maxFpr)} FPR: {meets ? "met" : "not met"}
        </Badge>
      </div>
      <p className="mt-1 text-xs text-slate-500">Measured {figures.measuredAt.slice(0, 16).replace("T", " ")} UTC. TPR: attacks caught; FPR: ordinary prompts flagged.</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 pr-3 font-medium">detector</th>
              <th className="py-1 pr-3 font-medium">rows</th>
              <th className="py-1 pr-3 font-medium">TPR</th>
              <th className="py-1 pr-3 font-medium">FPR</th>
              <th className="py-1 pr-3 font-medium">precision</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["layered (what the API answers)", testSplit.overall],
                ["signatures only", testSplit.layers.signaturesOnly],
                ["learned classifier only", testSplit.layers.classifierOnly],
                ["NotInject hard negatives", testSplit.notInjectHardNegatives],
              ] as const
            ).map(([name, m]) => (
              <tr key={name} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 text-left font-normal">{name}</th>
                <td className="py-1 pr-3 tabular-nums">{m.rows}</td>
                <td className="py-1 pr-3 tabular-nums">{pct(m.tpr)}</td>
                <td className="py-1 pr-3 tabular-nums">{pct(m.fpr)}</td>
                <td className="py-1 pr-3 tabular-nums">{pct(m.precision)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {heldOut.length > 0 ? (
        <div className="mt-4 overflow-x-auto">
          <p className="text-sm font-medium">Sources never seen in training (learned layer refitted without each)</p>
          <table className="mt-1 w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-1 pr-3 font-medium">held-out source</th>
                <th className="py-1 pr-3 font-medium">TPR</th>
                <th className="py-1 pr-3 font-medium">FPR</th>
                <th className="py-1 pr-3 font-medium">target ≥ {pct(targets.heldOut.minTpr)} / ≤ {pct(targets.heldOut.maxFpr)}</th>
              </tr>
            </thead>
            <tbody>
              {heldOut.map((h) => (
                <tr key={h.source} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">{h.source}</th>
                  <td className="py-1 pr-3 tabular-nums">{pct(h.tpr)}</td>
                  <td className="py-1 pr-3 tabular-nums">{pct(h.fpr)}</td>
                  <td className="py-1 pr-3">{h.meetsTarget ? "met" : "not met"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 text-xs text-slate-500">Held-out-source figures are not in this report (they take minutes to refit; run the safety benchmark script).</p>
      )}
    </Card>
  );
}
