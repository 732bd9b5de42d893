import type { Metadata } from "next";
import { BenchmarksDashboard } from "@/components/benchmarks/benchmarks-dashboard";
import { ProblemMessage } from "@/components/problem-message";
import { ServiceUsageCard } from "@/components/usage/service-usage-card";
import { getBenchmarks } from "@/lib/benchmarks/get-benchmarks";
import { getLatestLoadRun } from "@/lib/benchmarks/load/load-runs";
import { getSafetyFigures } from "@/lib/benchmarks/get-safety-figures";
import { getDb } from "@/lib/db/client";
import { describeInt8Runtime } from "@/lib/inference/describe-int8-runtime";
import { listInstanceJobs } from "@/lib/db/queries/jobs";
import { toJobView } from "@/lib/jobs/job-view";
import { log } from "@/lib/log";
import { publicUsage } from "@/lib/usage/usage-views";

export const metadata: Metadata = { title: "Benchmarks" };
// Figures change while a run is under way: every request reads the database.
export const dynamic = "force-dynamic";

async function loadBenchmarks() {
  try {
    const db = await getDb();
    const [data, safety, usage, int8, labJobs, loadRun] = await Promise.all([
      getBenchmarks({ db }),
      getSafetyFigures({ db }),
      publicUsage({ db, days: 30 }),
      describeInt8Runtime(),
      listInstanceJobs({ db, kinds: ["benchmark", "variant", "safety-benchmark"] }),
      getLatestLoadRun({ db }),
    ]);
    return { data, safety, usage, int8, labJobs: labJobs.map(toJobView), loadRun };
  } catch (error) {
    log.error({ err: error }, "benchmark dashboard could not read the database");
    return { data: undefined, safety: undefined, usage: undefined, int8: undefined, labJobs: [], loadRun: null };
  }
}

export default async function BenchmarksPage() {
  const { data, safety, usage, int8, labJobs, loadRun } = await loadBenchmarks();
  return (
    <div className="space-y-4">
      <header className="max-w-4xl space-y-1">
        <h1 className="text-2xl font-semibold">Benchmarks: full precision vs int8 vs pruned</h1>
        <p className="text-sm text-slate-600">
          Measured by this instance on its own machine — real models on real evaluation inputs, stored per run; the same data is at{" "}
          <code>GET /api/v1/benchmarks</code>.
        </p>
      </header>
      {data ? (
        <BenchmarksDashboard
          data={data}
          labJobs={labJobs}
          int8={int8}
          loadRun={loadRun}
          safety={safety}
          usage={usage ? <ServiceUsageCard usage={usage} /> : undefined}
        />
      ) : (
        <ProblemMessage
          problem={{
            title: "Benchmarks unavailable",
            detail: "The database could not be read just now. /api/ready says why; reload this page once it reports ready.",
          }}
        />
      )}
    </div>
  );
}
