// GET /api/v1/benchmarks/runs/{id} - one benchmark run with its results so far
import { z } from "zod";
import * as api from "@/lib/api-contract/models";
import { toRunView } from "@/lib/benchmarks/get-benchmarks";
import { getBenchmarkRun } from "@/lib/db/queries/benchmarks";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getBenchmarkRun, async (_request, { params, database }) => {
  const id = z.uuid().safeParse(params.id);
  const run = id.success ? await getBenchmarkRun({ db: await database(), id: id.data }) : undefined;
  if (!run) notFound("No benchmark run with that id.");
  return jsonResponse(toSnakeCaseKeys(toRunView(run)));
});
