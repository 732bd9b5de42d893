import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/v1/models", () => {
  it("lists every manifest model with task, variant, size, availability, licence and source", async () => {
    const response = await GET(new Request("http://localhost/api/v1/models"));
    expect(response.status).toBe(200);
    const { models } = await response.json();
    const byId = Object.fromEntries(models.map((m: { id: string }) => [m.id, m]));
    for (const id of ["mobilenetv2-int8", "yolox-nano", "ppocr-v4-det", "ppocr-v4-rec", "use-lite-en"]) {
      expect(byId[id], id).toMatchObject({ task: expect.any(String), variant: expect.any(String), license: expect.any(String), source: expect.any(String) });
      expect(byId[id].size_bytes).toBeGreaterThan(100_000);
    }
    // Shipped in an npm package, so available on every machine, with its source said.
    expect(byId["ppocr-v4-det"]).toMatchObject({ available: true, file_sources: [{ source: "npm" }] });
    for (const model of models) {
      if (!model.available) expect(model.unavailable_reason).toBeTruthy();
    }
  });

  it("says which int8 features the CPU reports, what the int8 kernels did and which remedy was chosen", async () => {
    const { int8 } = await (await GET(new Request("http://localhost/api/v1/models"))).json();
    expect(int8.cpu.flags).toEqual(expect.any(Array));
    expect(int8.mode).toBe("auto");
    // The probe ran, and the option follows what it saw on this CPU (exact kernels need no option).
    expect(typeof int8.kernels_saturate).toBe("boolean");
    expect(int8.kernels_saturate).toBe(!int8.probe.gemm.exact || !int8.probe.conv.exact);
    expect(int8.x64quantprecision).toBe(int8.kernels_saturate);
    expect(int8.produced_variants).toMatch(/saturation guard/);
  });

  it("says per role which variant serves by default and why: full precision on a fresh instance with no figures", async () => {
    const { serving } = await (await GET(new Request("http://localhost/api/v1/models"))).json();
    const byRole = Object.fromEntries(serving.map((r: { role: string }) => [r.role, r]));
    expect(Object.keys(byRole).sort()).toEqual(["classifier", "detector", "ocr_detection", "ocr_recognition"]);
    expect(byRole.detector).toMatchObject({
      family: "yolox-nano",
      base_model: "yolox-nano",
      serving_default: { model_id: "yolox-nano", variant: "full_precision", rule: "no_figures" },
      figures_from: { none: "no benchmark has run yet" },
    });
    expect(byRole.detector.can_ask_for).toEqual(["full_precision", "yolox-nano"]);
    expect(byRole.ocr_recognition.serving_default).toMatchObject({ model_id: "ppocr-v4-rec", variant: "full_precision" });
    // The vendor's int8 classifier has no full-precision sibling to measure a loss against: it serves as the base.
    expect(byRole.classifier.serving_default).toMatchObject({ model_id: "mobilenetv2-int8", variant: "quantized", rule: "no_full_precision" });
  });
});
