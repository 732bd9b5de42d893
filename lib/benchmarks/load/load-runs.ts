import "server-only";
import type { Database } from "../../db/client";
import { insertLoadBenchmarkRun, latestLoadBenchmarkRun } from "../../db/queries/load-benchmark-runs";
import { loadRunSchema, type LoadRun } from "./load-run-schema";

/**
 * Storing and reading load benchmark runs. A run is validated against its schema on the way in; on
 * the way out the stored id is the run's id, and a row that no longer matches the schema (written by
 * an older version) is reported as no run rather than served malformed.
 */

export async function storeLoadRun({ db, run }: { db: Database; run: Omit<LoadRun, "id"> }): Promise<LoadRun> {
  const checked = loadRunSchema.omit({ id: true }).parse(run);
  const row = await insertLoadBenchmarkRun({ db, mode: checked.mode, run: checked, startedAt: new Date(checked.startedAt) });
  return { ...checked, id: row.id };
}

export async function getLatestLoadRun({ db }: { db: Database }): Promise<LoadRun | null> {
  const row = await latestLoadBenchmarkRun({ db });
  if (!row) return null;
  const parsed = loadRunSchema.safeParse({ ...(row.run as object), id: row.id });
  return parsed.success ? parsed.data : null;
}
