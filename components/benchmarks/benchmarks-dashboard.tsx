import type { ReactNode } from "react";
import type { SafetyFigures } from "@/lib/benchmarks/get-safety-figures";
import type { LoadRun } from "@/lib/benchmarks/load/load-run-schema";
import type { BenchmarksResponse } from "@/lib/inference/measurement/result-schema";
import type { Int8Runtime } from "@/lib/inference/describe-int8-runtime";
import type { JobView } from "@/lib/jobs/job-view";
import { Card } from "@/components/ui/card";
import { summarizeFamilies } from "@/lib/benchmarks/summarize-families";
import { groupByFamily, measurementState, threadSettings } from "./benchmark-view";
import { scatterPoints } from "./chart-data";
import { ChartFigure } from "@/components/ui/chart-figure";
import { CompareVariants } from "./compare-variants";
import { FamilyCharts } from "./family-charts";
import { FamilySummaryCard } from "./family-summary";
import { LatencySizeChart } from "./latency-size-chart";
import { MachineCard } from "./machine-card";
import { MeasurementStatus } from "./measurement-status";
import { PruningNote } from "./pruning-note";
import { ResultsTable } from "./results-table";
import { LoadBenchmarkCard } from "./load-benchmark-card";
import { SafetyFiguresCard } from "./safety-figures";
import { SummaryBand } from "./summary-band";
import { headlineComparison, latencySizeTakeaway } from "./takeaways";

const imageTasks = new Set(["object-detection", "image-classification"]);

/** Where the section links lead, in page order (the ids of the sections below). */
const sections = [
  { id: "variants", label: "fp32 vs int8 vs pruned" },
  { id: "overview", label: "Latency vs size" },
  { id: "per-family", label: "Per family" },
  { id: "serving", label: "Serving" },
  { id: "safety", label: "Safety detector" },
  { id: "figures", label: "Every figure" },
  { id: "machine", label: "Machine" },
  { id: "usage", label: "API use" },
  { id: "compare", label: "Compare on your image" },
];

/**
 * The whole dashboard from GET /api/v1/benchmarks data and the stored load and safety runs: a summary
 * band that answers the headline questions on the first screen, section links, then the sections.
 * Only the charts and the compare view run in the browser.
 */
export function BenchmarksDashboard({
  data,
  labJobs,
  int8,
  loadRun = null,
  safety,
  usage,
}: {
  data: BenchmarksResponse;
  labJobs?: JobView[];
  int8?: Int8Runtime;
  loadRun?: LoadRun | null;
  safety?: SafetyFigures;
  usage?: ReactNode;
}) {
  const state = measurementState(data);
  // Families with the most variants first: they carry the comparison the page is about.
  const summaries = summarizeFamilies(data.latest).sort((a, b) => b.variants.length - a.variants.length || a.family.localeCompare(b.family));
  const membersByFamily = groupByFamily(data.latest);
  const familyOrder = summaries.map((s) => s.family);
  const threads = threadSettings(data.latest);
  const headlineThreads = threads.includes(1) ? 1 : (threads[0] ?? 1);
  // The machine the figures come from; history plots only runs on that machine.
  const machineRuns = data.runs.filter((r) => data.machineFingerprint === null || r.fingerprint === data.machineFingerprint);
  const machineRun = machineRuns.find((r) => r.results.length > 0) ?? data.runs[0];
  const headline = headlineComparison(summaries);
  const points = scatterPoints(
    familyOrder.flatMap((family) => membersByFamily.get(family) ?? []),
    headlineThreads,
  );
  const compareFamilies = [...new Set([...data.latest, ...data.pending].filter((m) => imageTasks.has(m.task)).map((m) => m.family))].sort();
  return (
    <div className="space-y-10">
      <div className="space-y-4">
        <SummaryBand headline={headline} headlineThreads={headlineThreads} loadRun={loadRun} safety={safety} machineRun={machineRun} />
        <nav
          aria-label="Benchmark sections"
          className="sticky top-0 z-10 -mx-1 overflow-x-auto bg-slate-50/95 px-1 py-2 backdrop-blur"
          data-testid="section-links"
        >
          <ul className="flex gap-2 whitespace-nowrap text-sm">
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`} className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-slate-700 hover:bg-slate-100">
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <MeasurementStatus state={state} labJobs={labJobs} />
      {state.hasFigures && (
        <>
          <section id="variants" aria-labelledby="headline" className="scroll-mt-16 space-y-4">
            <h2 id="headline" className="text-xl font-semibold">
              Full precision vs int8 vs pruned
            </h2>
            <p className="max-w-3xl text-sm text-slate-600">
              Each variant against the full-precision (fp32) model of its family: speed-up of the median (p50) latency, file size ratio, and the change of its
              accuracy on the evaluation set in percentage points — all computed from the newest measurements below.
            </p>
            <div className="grid gap-4 lg:grid-cols-2">
              {summaries.map((summary) => (
                <FamilySummaryCard
                  key={summary.family}
                  summary={summary}
                  headlineThreads={headlineThreads}
                  className={summary.variants.length >= 3 ? "lg:col-span-2" : ""}
                />
              ))}
            </div>
          </section>

          <section id="overview" aria-labelledby="overview-heading" className="scroll-mt-16 space-y-4">
            <h2 id="overview-heading" className="text-xl font-semibold">
              Latency, size and accuracy
            </h2>
            <Card>
              <ChartFigure
                id="latency-size"
                title={`p50 latency vs file size, every variant (batch 1, ${headlineThreads} thread)`}
                takeaway={latencySizeTakeaway(points)}
                caption="Down and to the left is better: faster and smaller. Colour is the variant kind; the key names each numbered dot with its accuracy on its evaluation set. Both axes are logarithmic."
              >
                <LatencySizeChart points={points} threads={headlineThreads} />
              </ChartFigure>
            </Card>
          </section>

          <section id="per-family" aria-labelledby="per-family-heading" className="scroll-mt-16 space-y-4">
            <h2 id="per-family-heading" className="text-xl font-semibold">
              Per family: percentiles, throughput, history
            </h2>
            {familyOrder
              .map((family) => [family, membersByFamily.get(family)!] as const)
              .map(([family, members]) => (
                <Card key={family} className="space-y-4" data-testid="family-charts" data-family={family}>
                  <h3 className="font-semibold">
                    {family} <span className="text-sm font-normal text-slate-500">({members[0].task})</span>
                  </h3>
                  <FamilyCharts family={family} members={members} runs={machineRuns} headlineThreads={headlineThreads} />
                </Card>
              ))}
          </section>
        </>
      )}
      <section id="serving" aria-label="Serving under load" className="scroll-mt-16">
        <LoadBenchmarkCard run={loadRun} />
      </section>
      <section id="safety" aria-label="Safety detector" className="scroll-mt-16">
        <SafetyFiguresCard figures={safety} />
      </section>
      {state.hasFigures && (
        <section id="figures" aria-labelledby="figures-heading" className="scroll-mt-16 space-y-4">
          <h2 id="figures-heading" className="text-xl font-semibold">
            Every figure
          </h2>
          {data.latest.some((r) => r.variant === "pruned") && <PruningNote />}
          <ResultsTable results={data.latest} />
        </section>
      )}
      {machineRun && (
        <section id="machine" aria-label="Machine" className="scroll-mt-16">
          <MachineCard run={machineRun} instance={int8} otherMachines={data.otherMachines} />
        </section>
      )}
      {usage && (
        <section id="usage" aria-label="API use" className="scroll-mt-16">
          {usage}
        </section>
      )}
      <section id="compare" aria-labelledby="compare-heading" className="scroll-mt-16 space-y-4">
        <h2 id="compare-heading" className="text-xl font-semibold">
          Compare the variants on your own image
        </h2>
        <CompareVariants families={compareFamilies} />
      </section>
    </div>
  );
}
