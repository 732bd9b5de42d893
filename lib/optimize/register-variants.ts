import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/client";
import { listModelVariants, variantFileBytes, type ModelVariantListItem } from "@/lib/db/queries/model-variants";
import type { ModelStore } from "@/lib/models/model-store";
import { parseRecipe } from "../models/parse-recipe";
import { VARIANT_PROTOCOL, variantModelEntry, type VariantRecord } from "./variant-entry";

/**
 * Makes produced variants runnable by id: each becomes a model-store entry whose model file is the
 * variant's .onnx in the variants folder (checked by sha256 on first use, like every model file).
 * A variant another instance's worker produced is written into this instance's folder from the
 * database first, so the whole cluster serves every variant produced once.
 */

export function registerVariant(store: ModelStore, record: VariantRecord, filePath: string): void {
  const parent = store.get(record.parentId);
  if (!parent) throw new Error(`variant ${record.id}: parent model ${record.parentId} is not in the model store`);
  store.register(variantModelEntry(parent, record), { localFiles: { [record.fileName]: filePath } });
}

function toRecord(row: ModelVariantListItem): VariantRecord {
  if (row.variant !== "quantized" && row.variant !== "pruned") throw new Error(`variant ${row.id} has kind ${row.variant}`);
  return { ...row, variant: row.variant, recipe: parseRecipe(row.recipe, `recipe of ${row.id}`) };
}

/** Registers every variant stored in the database whose file is present; reports the others. */
export async function registerStoredVariants({
  db,
  store,
  dir,
}: {
  db: Database;
  store: ModelStore;
  dir: string;
}): Promise<{ registered: string[]; skipped: { id: string; reason: string }[] }> {
  const registered: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const row of await listModelVariants({ db })) {
    const filePath = path.join(dir, row.fileName);
    try {
      if (!existsSync(filePath)) await restoreFromDatabase(db, row, filePath);
      const protocol = (row.agreement as { protocol?: number } | null)?.protocol ?? 1;
      if (protocol < VARIANT_PROTOCOL) {
        throw new Error(
          `produced under protocol ${protocol} (8-bit int8 weights, tuned on its calibration images); it is produced again under protocol ${VARIANT_PROTOCOL}`,
        );
      }
      registerVariant(store, toRecord(row), filePath);
      registered.push(row.id);
    } catch (error) {
      skipped.push({ id: row.id, reason: (error as Error).message });
    }
  }
  return { registered, skipped };
}

async function restoreFromDatabase(db: Database, row: ModelVariantListItem, filePath: string): Promise<void> {
  const bytes = await variantFileBytes({ db, id: row.id });
  if (!bytes) throw new Error(`file ${filePath} is missing and the database holds no copy (produce it again)`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== row.sha256) throw new Error(`the database's copy of ${row.fileName} does not match its sha256`);
  mkdirSync(path.dirname(filePath), { recursive: true });
  // Written aside and renamed, so another process never loads half a file.
  const partial = `${filePath}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, filePath);
}
