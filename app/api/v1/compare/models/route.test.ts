import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { authorization } from "@/test/api-requests";
import { POST } from "./route";

let picture: string;
beforeAll(async () => {
  // A white square on grey: enough to run every variant, whatever they detect.
  const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#808080" } })
    .composite([
      {
        input: await sharp({ create: { width: 100, height: 100, channels: 3, background: "#ffffff" } })
          .png()
          .toBuffer(),
        left: 110,
        top: 70,
      },
    ])
    .png()
    .toBuffer();
  picture = `data:image/png;base64,${png.toString("base64")}`;
});

const post = (body: unknown, contentType = "application/json") =>
  POST(
    new Request("http://localhost/api/v1/compare/models", {
      method: "POST",
      headers: { authorization, "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

describe("POST /api/v1/compare/models", () => {
  it("runs the detector family's variants and reports missing ones as unavailable", async () => {
    const response = await post({ input: { image: picture } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ family: "yolox-nano", task: "object-detection" });
    const fp32 = body.variants.find((v: { variant: string }) => v.variant === "full_precision");
    expect(fp32).toMatchObject({ available: true, model_id: "yolox-nano", agreement: null, output: { image: { width: 320, height: 240 } } });
    expect(fp32.latency_ms).toBeGreaterThan(0);
    for (const variant of body.variants.filter((v: { available: boolean }) => !v.available)) expect(variant.reason).toBeTruthy();
  });

  it("compares classification variants when a classifier family is named", async () => {
    const response = await post({ input: { image: picture }, model: "mobilenetv2", models: ["quantized"] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.task).toBe("image-classification");
    expect(body.variants[0]).toMatchObject({ available: true, model_id: "mobilenetv2-int8" });
    expect(body.variants[0].output.labels).toHaveLength(5);
  });

  it.each([
    [{ input: { image: "%%%garbage%%%" } }, 400],
    [{ input: {} }, 400],
    [{ input: { image: "PICTURE" }, models: ["half_precision"] }, 400],
    [{ input: { image: "PICTURE" }, model: "no-such-family" }, 400],
    [{ input: { image: "PICTURE" }, model: "ppocr-v4-det" }, 400],
    [{ input: { image: "PICTURE" }, surprise: true }, 400],
    [{ input: { document_image: "PICTURE" }, model: "yolox-nano" }, 400],
    ["{broken", 400],
  ])("rejects %j with %i", async (body, status) => {
    // The table is built before beforeAll runs: the placeholder becomes the real picture here.
    const response = await post(typeof body === "string" ? body : JSON.parse(JSON.stringify(body).replaceAll('"PICTURE"', JSON.stringify(picture))));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("compares OCR variants on a document page, full precision first", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="560" height="160"><rect width="560" height="160" fill="white"/>' +
        '<text x="30" y="95" font-family="DejaVu Sans, Arial, sans-serif" font-size="48" fill="black">Invoice 2024</text></svg>',
    );
    const page = (await sharp(svg).png().toBuffer()).toString("base64");
    const response = await post({ input: { document_image: page }, models: ["full_precision", "quantized"] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.family).toBe("ppocr-v4");
    expect(body.variants[0]).toMatchObject({ available: true, variant: "full_precision", model_id: "ppocr-v4-det + ppocr-v4-rec", agreement: null });
    expect(body.variants[0].output.full_text).toContain("Invoice");
    for (const variant of body.variants.slice(1)) {
      if (variant.available) expect(variant.agreement.value).toBeGreaterThan(0.5);
      else expect(variant.reason).toBeTruthy();
    }
  });

  it("rejects a non-image, a tiny image and a non-JSON body", async () => {
    expect((await post({ input: { image: Buffer.from("plain text").toString("base64") } })).status).toBe(415);
    const tiny = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect((await post({ input: { image: tiny.toString("base64") } })).status).toBe(422);
    expect((await post("image=1", "application/x-www-form-urlencoded")).status).toBe(415);
  });
});
