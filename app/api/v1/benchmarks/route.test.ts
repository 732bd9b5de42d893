import { describe, expect, it } from "vitest";
import { benchmarksResponseSchema as camelCaseSchema } from "@/lib/inference/measurement/result-schema";
import { snakeCaseSchema } from "@/lib/http/snake-case";
import { benchmarkableModels } from "@/lib/benchmarks/run-benchmark";
import { getDb } from "@/lib/db/client";
import { finishBenchmarkRun, startBenchmarkRun } from "@/lib/db/queries/benchmarks";
import { GET } from "./route";

// The API answers snake_case (the stored and dashboard shape is camelCase).
const benchmarksResponseSchema = snakeCaseSchema(camelCaseSchema) as unknown as {
  parse(v: unknown): { latest: unknown[]; runs: { id: string; trigger: string }[]; pending: { model_id: string }[] };
};

const get = (query = "") => GET(new Request(`http://localhost/api/v1/benchmarks${query}`));

describe("GET /api/v1/benchmarks", () => {
  it("answers the dashboard's data, every benchmarkable variant pending before the first run", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = benchmarksResponseSchema.parse(await response.json());
    expect(body).toMatchObject({ latest: [], runs: [], running: false });
    expect(body.pending.map((p) => p.model_id)).toEqual(benchmarkableModels().map((m) => m.id));
  });

  it("lists the newest runs first, as many as ?runs asks", async () => {
    const db = await getDb();
    const ids: string[] = [];
    for (const trigger of ["first", "second", "third"]) {
      const run = await startBenchmarkRun({ db, trigger, machine: { cores: 2 }, config: {} });
      ids.push(run!.id);
      await finishBenchmarkRun({ db, id: run!.id, status: "failed", error: `${trigger} stopped` });
    }
    const all = benchmarksResponseSchema.parse(await (await get()).json());
    expect(all.runs.map((r) => r.trigger)).toEqual(["third", "second", "first"]);
    const two = benchmarksResponseSchema.parse(await (await get("?runs=2")).json());
    expect(two.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(two.runs[0]).toMatchObject({ status: "failed", error: "third stopped", machine: { cores: 2 } });
    const one = benchmarksResponseSchema.parse(await (await get("?runs=1")).json());
    expect(one.runs).toHaveLength(1);
    expect((await get("?runs=100")).status).toBe(200);
  });
});
