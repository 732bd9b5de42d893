import "server-only";
import { desc } from "drizzle-orm";
import type { Database } from "../client";
import { loadBenchmarkRuns, type LoadBenchmarkRunRow } from "../schema";

/** Stored load benchmark runs (`npm run bench:load`). They describe the instance's machine, so they have no owner. */

export async function insertLoadBenchmarkRun({
  db,
  mode,
  run,
  startedAt,
}: {
  db: Database;
  mode: string;
  run: unknown;
  startedAt: Date;
}): Promise<LoadBenchmarkRunRow> {
  const [row] = await db.insert(loadBenchmarkRuns).values({ mode, run, startedAt }).returning();
  return row;
}

export async function latestLoadBenchmarkRun({ db }: { db: Database }): Promise<LoadBenchmarkRunRow | undefined> {
  const [row] = await db.select().from(loadBenchmarkRuns).orderBy(desc(loadBenchmarkRuns.createdAt)).limit(1);
  return row;
}
