import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { deleteModelVariant, getModelVariant, listModelVariants, upsertModelVariant } from "./model-variants";

describe.each(databaseTargets)("model variant queries on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  const variant = (id: string, parentId: string, sizeBytes: number) => ({
    id,
    family: parentId,
    parentId,
    variant: id.includes("int8") ? "quantized" : "pruned",
    recipe: { id, parent: parentId, steps: [{ kind: "static-int8" }], minAgreement: 0.9 },
    fileName: `${id}.onnx`,
    sizeBytes,
    sha256: "a".repeat(64),
    agreement: { metric: "detection-f1", value: 0.95, tolerance: 0.9, withinTolerance: true, inputs: 13 },
  });

  it.skipIf(target.skipReason)("upserts by id, lists by parent and family, gets and deletes", async () => {
    const db = handle.db;
    await upsertModelVariant({ db, variant: variant("yolox-nano-int8", "yolox-nano", 1000) });
    await upsertModelVariant({ db, variant: variant("ppocr-v4-det-int8", "ppocr-v4-det", 2000) });
    const replaced = await upsertModelVariant({ db, variant: { ...variant("yolox-nano-int8", "yolox-nano", 900), agreement: null } });
    expect(replaced.sizeBytes).toBe(900);
    expect(replaced.agreement).toBeNull();

    expect((await listModelVariants({ db })).map((v) => v.id)).toEqual(["ppocr-v4-det-int8", "yolox-nano-int8"]);
    expect((await listModelVariants({ db, parentId: "yolox-nano" })).map((v) => v.id)).toEqual(["yolox-nano-int8"]);
    expect(await listModelVariants({ db, family: "nope" })).toEqual([]);
    expect((await getModelVariant({ db, id: "ppocr-v4-det-int8" }))?.recipe).toMatchObject({ steps: [{ kind: "static-int8" }] });
    expect(await deleteModelVariant({ db, id: "ppocr-v4-det-int8" })).toBe(true);
    expect(await deleteModelVariant({ db, id: "ppocr-v4-det-int8" })).toBe(false);
    expect(await getModelVariant({ db, id: "ppocr-v4-det-int8" })).toBeUndefined();
  });
});
