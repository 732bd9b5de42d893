import "server-only";
import { and, asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { modelVariants, type ModelVariantRow } from "../schema";

/**
 * Optimised model variants (int8, pruned) produced by lib/optimize. A variant id is unique; producing
 * it again (a new recipe or a new parent file) replaces the row, keeping one row per id.
 */

export type ModelVariantInput = Omit<typeof modelVariants.$inferInsert, "createdAt">;
export type ModelVariantListItem = Omit<ModelVariantRow, "fileBytes">;

// Lists leave the files out (megabytes each); `variantFileBytes` reads one when it is needed.
const { fileBytes: _fileBytes, ...listColumns } = getTableColumns(modelVariants);

export async function upsertModelVariant({ db, variant }: { db: Database; variant: ModelVariantInput }): Promise<ModelVariantRow> {
  const { id, ...rest } = variant;
  const [row] = await db
    .insert(modelVariants)
    .values(variant)
    .onConflictDoUpdate({ target: modelVariants.id, set: { ...rest, agreement: rest.agreement ?? null, createdAt: sql`now()` } })
    .returning();
  if (!row) throw new Error(`upsert of model variant ${id} returned no row`);
  return row;
}

export async function listModelVariants({ db, parentId, family }: { db: Database; parentId?: string; family?: string }): Promise<ModelVariantListItem[]> {
  const conditions: SQL[] = [];
  if (parentId) conditions.push(eq(modelVariants.parentId, parentId));
  if (family) conditions.push(eq(modelVariants.family, family));
  return db
    .select(listColumns)
    .from(modelVariants)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(modelVariants.family), asc(modelVariants.id));
}

export async function variantFileBytes({ db, id }: { db: Database; id: string }): Promise<Buffer | null> {
  const [row] = await db.select({ fileBytes: modelVariants.fileBytes }).from(modelVariants).where(eq(modelVariants.id, id)).limit(1);
  return row?.fileBytes ?? null;
}

export async function getModelVariant({ db, id }: { db: Database; id: string }): Promise<ModelVariantRow | undefined> {
  const [row] = await db.select().from(modelVariants).where(eq(modelVariants.id, id)).limit(1);
  return row;
}

export async function deleteModelVariant({ db, id }: { db: Database; id: string }): Promise<boolean> {
  const rows = await db.delete(modelVariants).where(eq(modelVariants.id, id)).returning({ id: modelVariants.id });
  return rows.length > 0;
}
