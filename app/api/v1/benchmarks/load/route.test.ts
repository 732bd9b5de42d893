import { describe, expect, it } from "vitest";
import { deriveLoadFigures } from "@/lib/benchmarks/load/derive-load-figures";
import { cell, sampleRun } from "@/lib/benchmarks/load/load-run.fixture";
import { loadBenchmarksResponseSchema } from "@/lib/benchmarks/load/load-run-schema";
import { storeLoadRun } from "@/lib/benchmarks/load/load-runs";
import { getDb } from "@/lib/db/client";
import { snakeCaseSchema } from "@/lib/http/snake-case";
import { GET } from "./route";

const responseSchema = snakeCaseSchema(loadBenchmarksResponseSchema) as unknown as {
  parse(v: unknown): {
    latest: null | {
      id: string;
      mode: string;
      cells: { route: string; throughput_rps: number; status_counts: Record<string, number> }[];
      machine_limits: { limit_rps: number }[];
    };
  };
};
const get = () => GET(new Request("http://localhost/api/v1/benchmarks/load"));

describe("GET /api/v1/benchmarks/load", () => {
  it("answers null before any load run is stored, then the newest stored run in snake_case", async () => {
    const empty = await get();
    expect(empty.status).toBe(200);
    expect(responseSchema.parse(await empty.json())).toEqual({ latest: null });

    const db = await getDb();
    const cells = [
      cell({ route: "safety", concurrency: 1, cpuSecondsPerRequest: 0.04 }),
      cell({ route: "safety", concurrency: 8, statusCounts: { "200": 80, "503": 3 } }),
    ];
    const older = await storeLoadRun({ db, run: { ...sampleRun(cells), mode: "full" } });
    const newer = await storeLoadRun({
      db,
      run: { ...sampleRun(cells), ...deriveLoadFigures({ cells, cores: 2, inProcessMs: {}, drift: null, deadlineMs: null }) },
    });
    expect(newer.id).not.toBe(older.id);

    const response = await get();
    expect(response.headers.get("content-type")).toBe("application/json");
    const { latest } = responseSchema.parse(await response.json());
    expect(latest?.id).toBe(newer.id);
    expect(latest?.mode).toBe("quick");
    expect(latest?.cells.map((c) => [c.route, c.status_counts])).toEqual([
      ["safety", { "200": 20 }],
      ["safety", { "200": 80, "503": 3 }],
    ]);
    expect(latest?.machine_limits[0].limit_rps).toBe(50);
  });

  it("refuses to store a run that does not match the schema", async () => {
    const db = await getDb();
    const bad = { ...sampleRun([]), cells: [{ route: "video" }] } as unknown as Parameters<typeof storeLoadRun>[0]["run"];
    await expect(storeLoadRun({ db, run: bad })).rejects.toThrow();
  });
});
