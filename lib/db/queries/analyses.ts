import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { analyses, type AnalysisRow } from "../schema";
import { isUuid } from "./is-uuid";

/** A user's stored analyses; every function takes the owner, so one user can never reach another's. */

export async function insertAnalysis({ db, values }: { db: Database; values: Omit<typeof analyses.$inferInsert, "id" | "createdAt"> }): Promise<AnalysisRow> {
  const rows = await db.insert(analyses).values(values).returning();
  return rows[0];
}

export type AnalysisListItem = Pick<AnalysisRow, "id" | "kind" | "title" | "createdAt" | "resultBytes"> & { hasImage: boolean };

export async function listAnalyses({
  db,
  ownerId,
  limit = 50,
  before,
}: {
  db: Database;
  ownerId: string;
  limit?: number;
  before?: Date;
}): Promise<AnalysisListItem[]> {
  return db
    .select({
      id: analyses.id,
      kind: analyses.kind,
      title: analyses.title,
      createdAt: analyses.createdAt,
      resultBytes: analyses.resultBytes,
      hasImage: sql<boolean>`${analyses.imageBytes} is not null`,
    })
    .from(analyses)
    .where(and(eq(analyses.ownerId, ownerId), before ? lt(analyses.createdAt, before) : undefined))
    .orderBy(desc(analyses.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
}

export async function getAnalysis({ db, ownerId, id }: { db: Database; ownerId: string; id: string }): Promise<AnalysisRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db
    .select()
    .from(analyses)
    .where(and(eq(analyses.id, id), eq(analyses.ownerId, ownerId)))
    .limit(1);
  return rows[0];
}

export async function deleteAnalysis({ db, ownerId, id }: { db: Database; ownerId: string; id: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(analyses)
    .where(and(eq(analyses.id, id), eq(analyses.ownerId, ownerId)))
    .returning({ id: analyses.id });
  return rows.length > 0;
}

/** Keeps a user's newest `keep` analyses and deletes the rest, so history stays bounded. */
export async function pruneAnalyses({ db, ownerId, keep }: { db: Database; ownerId: string; keep: number }): Promise<void> {
  await db.execute(sql`
    delete from analyses where owner_id = ${ownerId} and id not in (
      select id from analyses where owner_id = ${ownerId} order by created_at desc limit ${keep})`);
}
