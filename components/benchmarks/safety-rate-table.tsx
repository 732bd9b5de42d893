import type { SafetyMetrics } from "@/lib/benchmarks/get-safety-figures";
import { formatRateWithInterval } from "@/lib/safety/benchmark/detection-metrics";

/** A rate with its 95% interval, "74.8% (71.0–78.3%)", for the safety tables. */
export function RateCell({ value, range }: { value?: number; range?: [number, number] }) {
  return <td className="py-1 pr-3 tabular-nums">{formatRateWithInterval(value, range)}</td>;
}

/** Rows of named detection figures: rows, TPR and FPR, each rate with its 95% Wilson interval. */
export function SafetyRateTable({ caption, rows }: { caption: string; rows: [string, SafetyMetrics][] }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="text-left text-sm font-medium">{caption}</caption>
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-1 pr-3 font-medium">rows of</th>
            <th className="py-1 pr-3 font-medium">rows</th>
            <th className="py-1 pr-3 font-medium">TPR (attacks caught)</th>
            <th className="py-1 pr-3 font-medium">FPR (ordinary text flagged)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, m]) => (
            <tr key={name} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {name}
              </th>
              <td className="py-1 pr-3 tabular-nums">{m.rows}</td>
              <RateCell value={m.tpr} range={m.tprInterval} />
              <RateCell value={m.fpr} range={m.fprInterval} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
