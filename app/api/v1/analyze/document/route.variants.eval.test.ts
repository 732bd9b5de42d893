import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { decodeImage } from "@/lib/inference/image/decode-image";
import { recognizeText } from "@/lib/inference/ocr/recognize-text";
import { inferenceCounts, modelsThatRan } from "@/lib/inference/serving/testing/inference-counts";
import { getModelStore } from "@/lib/models/get-model-store";
import { buildEvalInputs } from "@/lib/optimize/inputs/eval-inputs";
import { loadRecipes } from "@/lib/models/parse-recipe";
import { produceVariant } from "@/lib/optimize/produce-variant";
import { registerVariant } from "@/lib/optimize/register-variants";
import { jsonRequest } from "@/test/api-requests";
import { POST } from "./route";

// The lab's int8 OCR detector is servable: produced here from its recipe (weight-only int8, the
// quickest to make), asked for as `quantized`, it is the detector that reads the page.
const evalDir = getEnv().evalDataDir;
const VARIANT = "ppocr-v4-det-int8-weights";
let work: string;
let pageBytes: Buffer;

beforeAll(async () => {
  if (!evalDir) return;
  work = mkdtempSync(path.join(tmpdir(), "ie-ocr-variant-"));
  const store = getModelStore();
  const parent = store.get("ppocr-v4-det")!;
  const recipe = loadRecipes().find((r) => r.id === VARIANT)!;
  const inputs = await buildEvalInputs({ entry: parent, inputName: "x", evalDir, limitPerSplit: 1 });
  const { filePath, steps: _steps, produceMs: _produceMs, ...record } = await produceVariant({ recipe, inputs, outputDir: work });
  registerVariant(store, record, filePath);
  pageBytes = readFileSync(path.join(evalDir, "images", "receipts", "softmatic_aldi_18042020_11_00883.jpg"));
}, 300_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!evalDir)("a requested OCR variant is the one that ran", () => {
  it("reads the page with the int8 detector when asked for quantized, as a direct call to it does", async () => {
    const before = await inferenceCounts();
    const response = await POST(
      jsonRequest("http://localhost/api/v1/analyze/document", {
        document_image: pageBytes.toString("base64"),
        tasks: ["ocr"],
        variants: { ocr_detection: "quantized" },
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.models.detection).toMatchObject({ id: VARIANT, variant: "quantized", chosen_by: "request" });
    expect(body.models.recognition).toMatchObject({ id: "ppocr-v4-rec", chosen_by: "serving_default" });
    const ran = modelsThatRan(before, await inferenceCounts());
    expect(ran).toContain(VARIANT);
    expect(ran).not.toContain("ppocr-v4-det");
    const image = await decodeImage(pageBytes, { maxBytes: 50e6, maxPixels: 50e6 });
    const directly = await recognizeText(image, { models: { detection: VARIANT } });
    expect(body.full_text).toBe(directly.fullText);
    expect(body.full_text.length).toBeGreaterThan(20);
  }, 180_000);
});
