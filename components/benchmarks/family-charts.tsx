import type { BenchmarkResultView, BenchmarkRunView } from "@/lib/inference/measurement/result-schema";
import { historyData, percentileRows, throughputData } from "./chart-data";
import { ChartFigure } from "@/components/ui/chart-figure";
import { HistoryChart } from "./history-chart";
import { PercentileChart } from "./percentile-chart";
import { historyTakeaway, percentileTakeaway, throughputTakeaway } from "./takeaways";
import { ThroughputChart } from "./throughput-chart";

/** Percentiles, throughput and history of one family's variants (server-rendered figures, client charts). */
export function FamilyCharts({
  family,
  members,
  runs,
  headlineThreads,
}: {
  family: string;
  members: BenchmarkResultView[];
  runs: BenchmarkRunView[];
  headlineThreads: number;
}) {
  const slug = family.replaceAll(/[^a-z0-9]+/gi, "-");
  const throughput = throughputData(members);
  const history = historyData(runs, family, headlineThreads);
  const percentiles = percentileRows(members);
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <ChartFigure
        id={`percentiles-${slug}`}
        title="Latency percentiles and CPU time (ms, batch 1)"
        takeaway={percentileTakeaway(percentiles)}
        caption="Shorter is faster. A wide gap between p50 and p99 means jittery latency; CPU time sums every thread, so with 2 threads it can exceed the wall-clock time."
      >
        <PercentileChart rows={percentiles} />
      </ChartFigure>
      {throughput && (
        <ChartFigure
          id={`throughput-${slug}`}
          title={`Throughput by batch size (items/s, ${throughput.threads.join(" and ")} thread${throughput.threads.length === 1 && throughput.threads[0] === 1 ? "" : "s"})`}
          takeaway={throughputTakeaway(throughput)}
          caption="Longer is better. Batch 1 comes from the median latency; a bar that grows with the batch size means batching pays off for this model."
        >
          <ThroughputChart data={throughput} />
        </ChartFigure>
      )}
      {history.rows.length > 0 && (
        <ChartFigure
          id={`history-${slug}`}
          title={`p50 latency across runs (ms, ${headlineThreads} thread)`}
          takeaway={historyTakeaway(history)}
          caption={
            history.rows.length === 1
              ? "One run so far: each later run adds a point, so changes in a variant or in the machine's load show as steps."
              : "Each point is one run's median. Flat lines are stable figures; steps come from a changed variant or a busier machine."
          }
        >
          <HistoryChart data={history} threads={headlineThreads} />
        </ChartFigure>
      )}
    </div>
  );
}
