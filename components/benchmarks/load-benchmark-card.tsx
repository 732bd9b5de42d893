import { Card, CardTitle } from "@/components/ui/card";
import { statusSummary } from "@/lib/benchmarks/load/load-markdown";
import type { LoadRun } from "@/lib/benchmarks/load/load-run-schema";
import { type LoadChartRow, LoadThroughputChart } from "./load-throughput-chart";
import { formatMs, orMissing, secondsToMs } from "@/lib/format";
import { loadChartTakeaway } from "./takeaways";

/** Chart rows: one per route and concurrency, batching on and off side by side, with the route's limit. */
export function loadChartRows(run: LoadRun): LoadChartRow[] {
  const rows = new Map<string, LoadChartRow>();
  for (const cell of run.cells) {
    const name = `${cell.route} · c=${cell.concurrency}`;
    const row = rows.get(name) ?? { name };
    row[cell.batching] = cell.throughputRps;
    const limit = run.machineLimits.find((l) => l.route === cell.route && l.batching === "on") ?? run.machineLimits.find((l) => l.route === cell.route);
    if (limit?.limitRps != null) row.limit = limit.limitRps;
    rows.set(name, row);
  }
  return [...rows.values()];
}

/** The newest HTTP load benchmark (`npm run bench:load`): machine, date, chart and the table per route × concurrency × batching. */
export function LoadBenchmarkCard({ run }: { run: LoadRun | null }) {
  if (!run) {
    return (
      <Card data-testid="load-benchmark">
        <CardTitle>Serving under load</CardTitle>
        <p className="mt-2 text-sm text-slate-600">
          No load benchmark is stored on this instance yet: <code>npm run bench:load</code> measures the production build over HTTP and stores its run here.
        </p>
      </Card>
    );
  }
  const m = run.machine;
  const rows = loadChartRows(run);
  const takeaway = loadChartTakeaway(rows);
  return (
    <Card data-testid="load-benchmark">
      <CardTitle>Serving under load: throughput and latency over HTTP</CardTitle>
      <p className="mt-2 text-xs text-slate-500">
        {run.mode} run of {run.startedAt.slice(0, 16).replace("T", " ")} UTC on {m.cpuModel} ({m.cores} cores;{" "}
        {m.cpuFlags.join(", ") || "no int8-relevant flags"}), Node {m.nodeVersion}; autocannon {run.config.autocannonVersion}, {run.config.durationSeconds} s
        per cell after {run.config.warmUpSeconds} s warm-up. Machine limit = cores / server CPU seconds per request at concurrency 1.
      </p>
      {takeaway && (
        <p className="mt-3 text-sm text-slate-800" data-testid="chart-takeaway">
          {takeaway}
        </p>
      )}
      <div className="mt-4">
        <LoadThroughputChart rows={rows} />
      </div>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-sm" data-testid="load-benchmark-table">
          <thead>
            <tr className="text-left text-slate-500">
              {["route", "batching", "concurrency", "req/s", "p50", "p95", "p99", "non-2xx / errors", "CPU per request", "peak RSS", "machine limit"].map(
                (h) => (
                  <th key={h} className="py-1 pr-3 font-medium">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {run.cells.map((c) => {
              const limit = run.machineLimits.find((l) => l.route === c.route && l.batching === c.batching);
              return (
                <tr key={`${c.route}-${c.batching}-${c.concurrency}`} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{c.route}</td>
                  <td className="py-1 pr-3">{c.batching}</td>
                  <td className="py-1 pr-3 tabular-nums">{c.concurrency}</td>
                  <td className="py-1 pr-3 tabular-nums">{c.throughputRps.toFixed(2)}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatMs(c.latencyMs.p50)}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatMs(c.latencyMs.p95)}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatMs(c.latencyMs.p99)}</td>
                  <td className="py-1 pr-3">{statusSummary(c)}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatMs(secondsToMs(c.cpuSecondsPerRequest))}</td>
                  <td className="py-1 pr-3 tabular-nums">{orMissing(c.peakRssMiB, (mib) => `${Math.round(mib)} MiB`)}</td>
                  <td className="py-1 pr-3 tabular-nums">{orMissing(limit?.limitRps, (rps) => `${rps} req/s`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {run.notes.length > 0 && (
        <ul className="mt-3 list-disc pl-5 text-xs text-slate-500">
          {run.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
