import type { BenchmarkResultView } from "@/lib/inference/measurement/result-schema";
import { Badge } from "@/components/ui/badge";
import { formatMb, formatMs, formatRate, formatRunTime, kindLabels, metricLabel } from "./benchmark-view";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top";

function LatencyCell({ result }: { result: BenchmarkResultView }) {
  const rows = result.performance.latency.filter((l) => l.batchSize === 1).sort((a, b) => a.threads - b.threads);
  return (
    <ul className="space-y-1 whitespace-nowrap">
      {rows.map((l) => (
        <li key={l.threads}>
          <span className="text-slate-500">{l.threads} thr:</span> {formatMs(l.p50Ms)} / {formatMs(l.p95Ms)} / {formatMs(l.p99Ms)} ms
          <span className="block text-xs text-slate-500">
            CPU {formatMs(l.cpuMsPerRun)} ms/run · mean {formatMs(l.meanMs)} ms · {l.runs} runs
          </span>
        </li>
      ))}
    </ul>
  );
}

function AccuracyCell({ result }: { result: BenchmarkResultView }) {
  if (!result.accuracy.available) return <span className="text-slate-500">not measured: {result.accuracy.reason}</span>;
  const { primary, metrics } = result.accuracy;
  return (
    <ul className="space-y-1">
      {metrics.map((m) => (
        <li key={m.name}>
          <span className={m.name === primary ? "font-semibold" : ""}>
            {metricLabel(m.name)} {formatRate(m.value)}
          </span>
          <span className="block text-xs text-slate-500">
            {m.dataset}
            {m.higherIsBetter ? "" : " · lower is better"}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Every stored figure of the newest result of each variant. */
export function ResultsTable({ results }: { results: BenchmarkResultView[] }) {
  return (
    <div
      className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
      tabIndex={0}
      role="group"
      aria-label="Every figure (scrolls sideways on narrow screens)"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="results-table">
        <caption className="sr-only">Newest benchmark figures of every model variant</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              Variant
            </th>
            <th scope="col" className={th}>
              Size
            </th>
            <th scope="col" className={th}>
              Latency p50 / p95 / p99 (batch 1)
            </th>
            <th scope="col" className={th}>
              Throughput
            </th>
            <th scope="col" className={th}>
              Load, RSS
            </th>
            <th scope="col" className={th}>
              Accuracy
            </th>
            <th scope="col" className={th}>
              Input
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {results.map((r) => (
            <tr key={r.modelId} data-testid="result-row" data-model={r.modelId}>
              <th scope="row" className={`${td} text-left font-normal`}>
                <code className="font-medium text-slate-900">{r.modelId}</code>
                <span className="mt-1 flex flex-wrap gap-1">
                  <Badge>{kindLabels[r.variant]}</Badge>
                  <Badge>{r.task}</Badge>
                </span>
                <span className="mt-1 block text-xs text-slate-500">measured {formatRunTime(r.createdAt)}</span>
              </th>
              <td className={`${td} whitespace-nowrap`}>{formatMb(r.performance.sizeBytes)} MB</td>
              <td className={td}>
                <LatencyCell result={r} />
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {r.performance.throughput.length === 0 ? (
                  <span className="text-slate-500">fixed batch of 1</span>
                ) : (
                  <ul>
                    {r.performance.throughput.map((t) => (
                      <li key={`${t.batchSize}-${t.threads}`}>
                        batch {t.batchSize}, {t.threads} thr: {t.itemsPerSecond.toFixed(1)} items/s
                        <span className="block text-xs text-slate-500">{formatMs(t.msPerBatch)} ms per batch</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className={`${td} whitespace-nowrap`}>
                load {formatMs(r.performance.loadMs)} ms
                <span className="block text-xs text-slate-500">RSS +{r.performance.rssIncreaseMb.toFixed(1)} MB</span>
              </td>
              <td className={td}>
                <AccuracyCell result={r} />
              </td>
              <td className={td}>
                <span className="break-all">{r.performance.input.source}</span>
                <span className="block text-xs text-slate-500">
                  {r.performance.input.shape.join("×")} · {r.performance.input.synthetic ? "synthetic tensor (no eval data here)" : "real eval input"}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
