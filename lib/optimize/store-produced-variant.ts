import "server-only";
import { readFileSync } from "node:fs";
import type { Database } from "../db/client";
import { upsertModelVariant } from "../db/queries/model-variants";
import type { ModelStore } from "../models/model-store";
import type { ProducedVariant } from "./produce-variant";
import { registerVariant } from "./register-variants";

/** Records a produced variant (with its file, for the other instances) and, given a store, makes it servable here. */
export async function storeProducedVariant({ db, produced, store }: { db: Database; produced: ProducedVariant; store?: ModelStore }): Promise<void> {
  const { filePath, steps: _steps, produceMs: _produceMs, ...record } = produced;
  await upsertModelVariant({ db, variant: { ...record, fileBytes: readFileSync(filePath) } });
  if (store) registerVariant(store, record, filePath);
}
