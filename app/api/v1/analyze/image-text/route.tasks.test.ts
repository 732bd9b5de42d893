import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { inferenceCounts, modelsThatRan } from "@/lib/inference/serving/testing/inference-counts";
import { expectProblem, jsonRequest, multipartRequest } from "@/test/api-requests";
import { POST } from "./route";

// POST /api/v1/analyze/image-text with `tasks` and `variants`: only what is asked runs, with the model asked for.
const url = "http://localhost/api/v1/analyze/image-text";
let png: Buffer;

beforeAll(async () => {
  // A picture with a word on it, so OCR has something to read when it does run.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="#f4d03f"/><text x="30" y="120" font-size="56" font-family="sans-serif" fill="#111">HELLO</text></svg>`;
  png = await sharp(Buffer.from(svg)).png().toBuffer();
});

const json = (body: Record<string, unknown>) => jsonRequest(url, { image: png.toString("base64"), text: "a yellow sign saying hello", ...body });

describe("tasks: only what is asked runs", () => {
  it("labels only runs the classifier and nothing else: no detector, OCR or safety section, timing or session run", async () => {
    const before = await inferenceCounts();
    const response = await POST(json({ tasks: ["labels"] }));
    expect(response.status).toBe(200);
    const body = await response.json();
    const after = await inferenceCounts();
    expect(body.tasks).toEqual(["labels"]);
    expect(body.labels).toMatchObject({ available: true, model: { id: "mobilenetv2-int8" } });
    for (const absent of ["objects", "text_in_image", "relation", "safety"]) expect(body).not.toHaveProperty(absent);
    expect(Object.keys(body.timings).sort()).toEqual(["classify_ms", "decode_ms"]);
    // Facts not asked for: only what decoding gives for free.
    expect(Object.keys(body.image).sort()).toEqual(["format", "height", "size_bytes", "width"]);
    expect(body.models).toEqual([
      { id: "mobilenetv2-int8", version: expect.any(String), variant: "quantized", task: "labels", role: "classifier", chosen_by: "serving_default" },
    ]);
    // Observed from the inference metrics: one classifier run, and no other ONNX session ran for this request.
    expect(modelsThatRan(before, after)).toEqual(["mobilenetv2-int8"]);
    expect(after["mobilenetv2-int8"] - (before["mobilenetv2-int8"] ?? 0)).toBe(1);
  });

  it("safety also runs OCR (it checks the text in the image), and relation runs all its evidence", async () => {
    const before = await inferenceCounts();
    const safety = await (await POST(json({ tasks: ["safety"] }))).json();
    expect(safety.tasks).toEqual(["ocr", "safety"]);
    expect(safety.safety).toMatchObject({ available: true });
    expect(safety.text_in_image.full_text).toMatch(/HELLO/i);
    expect(safety).not.toHaveProperty("labels");
    expect(safety.models.map((m: { role: string }) => m.role)).toEqual(["ocr_detection", "ocr_recognition", "ocr_direction"]);
    const ran = modelsThatRan(before, await inferenceCounts());
    expect(ran).not.toContain("mobilenetv2-int8");
    expect(ran).not.toContain("yolox-nano");
    const relation = await (await POST(json({ tasks: ["relation"] }))).json();
    expect(relation.tasks).toEqual(["labels", "objects", "ocr", "facts", "relation"]);
    expect(relation.relation.terms.find((t: { term: string }) => t.term === "yellow")?.status).toBe("supported");
  });

  it("takes tasks and variants as multipart text parts (a comma list and a JSON object)", async () => {
    const response = await POST(multipartRequest(url, { image: png }, { text: "a sign", tasks: "labels, facts", variants: '{"classifier":"quantized"}' }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.tasks).toEqual(["labels", "facts"]);
    expect(body.image.dominant_colours[0].name).toMatch(/yellow/);
    expect(body.models).toEqual([expect.objectContaining({ id: "mobilenetv2-int8", chosen_by: "request" })]);
  });

  it("names a variant the lab has not produced here as unavailable, with the reason, without failing the other tasks", async () => {
    const body = await (await POST(json({ tasks: ["labels", "ocr"], variants: { ocr_recognition: "pruned" } }))).json();
    expect(body.text_in_image).toMatchObject({ available: false, reason: expect.stringMatching(/No pruned variant of ppocr-v4-rec has been produced/) });
    expect(body.labels.available).toBe(true);
    expect(body.models.map((m: { id: string }) => m.id)).toEqual(["mobilenetv2-int8"]);
  });
});

describe("bad tasks and variants are 400 problem+json naming the field", () => {
  const bad = async (body: Record<string, unknown>, field: RegExp, detail?: RegExp) => {
    const problem = await expectProblem(await POST(json(body)), 400, { detail });
    expect(problem.errors.map((e: { field: string }) => e.field).join(" ")).toMatch(field);
  };
  it("an unknown task", () => bad({ tasks: ["labels", "colours"] }, /^tasks\.1$/, /unknown task \W+colours/));
  it("an empty or repeated task list", async () => {
    await bad({ tasks: [] }, /^tasks$/);
    await bad({ tasks: ["ocr", "ocr"] }, /^tasks$/, /twice/);
  });
  it("an unknown variant name", () => bad({ variants: { detector: "int4" } }, /^variants\.detector$/, /unknown variant \W+int4.*full_precision, yolox-nano/));
  it("a model of another family", () => bad({ variants: { detector: "ppocr-v4-det" } }, /^variants\.detector$/, /text-detection model/));
  it("a kind the family has no member or recipe for", () =>
    bad({ variants: { classifier: "full_precision" } }, /^variants\.classifier$/, /no full_precision variant/));
  it("an unknown role, and variants that are not an object", async () => {
    await bad({ variants: { segmenter: "quantized" } }, /^variants$/, /segmenter/);
    await bad({ variants: "quantized" }, /^variants$/);
  });
  it("the same mistakes in multipart", async () => {
    const multipart = (fields: Record<string, string>) => POST(multipartRequest(url, { image: png }, { text: "x", ...fields }));
    await expectProblem(await multipart({ tasks: "labels,nope" }), 400, { detail: /unknown task \W+nope/ });
    await expectProblem(await multipart({ variants: "{not json" }), 400, { detail: /variants/ });
  });
});
