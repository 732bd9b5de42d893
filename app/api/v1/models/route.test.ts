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
});
