// GET /api/v1/benchmarks/runs/{id} - one benchmark run with its results so far
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getBenchmarkRun } from "@/lib/db/queries/benchmarks";
import { ApiError } from "@/lib/errors";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/benchmarks/runs/{id}", auth: "public" }, async (_request, { params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new ApiError("not_found", "No benchmark run with that id.");
  const run = await getBenchmarkRun({ db: await getDb(), id: id.data });
  if (!run) throw new ApiError("not_found", "No benchmark run with that id.");
  return jsonResponse({
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    results: run.results.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  });
});
