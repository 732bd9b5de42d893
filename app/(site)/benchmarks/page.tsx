import type { Metadata } from "next";
import { BenchmarksDashboard } from "@/components/benchmarks/benchmarks-dashboard";
import { ProblemMessage } from "@/components/problem-message";
import { getBenchmarks } from "@/lib/benchmarks/get-benchmarks";
import { getDb } from "@/lib/db/client";
import { getModelLabState } from "@/lib/instance/model-lab";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Benchmarks" };
// Figures change while a run is under way: every request reads the database.
export const dynamic = "force-dynamic";

async function loadBenchmarks() {
  try {
    return { data: await getBenchmarks({ db: await getDb() }) };
  } catch (error) {
    log.error({ err: error }, "benchmark dashboard could not read the database");
    return { data: undefined };
  }
}

export default async function BenchmarksPage() {
  const { data } = await loadBenchmarks();
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Benchmarks: full precision vs int8 vs pruned</h1>
        <p className="text-slate-600">
          Latency, size, memory and accuracy of every model variant, measured by this instance on the machine it runs on — real models on real
          evaluation inputs, stored per run. The same data is at <code>GET /api/v1/benchmarks</code>.
        </p>
      </header>
      {data ? (
        <BenchmarksDashboard data={data} lab={getModelLabState()} />
      ) : (
        <ProblemMessage problem={{ title: "Benchmarks unavailable", detail: "The database could not be read just now. /api/ready says why; reload this page once it reports ready." }} />
      )}
    </div>
  );
}
