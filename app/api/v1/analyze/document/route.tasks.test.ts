import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { inferenceCounts, modelsThatRan } from "@/lib/inference/serving/testing/inference-counts";
import { expectProblem, jsonRequest, multipartRequest } from "@/test/api-requests";
import { POST } from "./route";

// POST /api/v1/analyze/document with `tasks` and `variants`: OCR always, the rest only when asked.
const url = "http://localhost/api/v1/analyze/document";
let page: Buffer;

beforeAll(async () => {
  const lines = ["BAECKEREI SONNE", "Datum 02.03.2021", "Summe EUR 4,20"];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="240"><rect width="100%" height="100%" fill="white"/>${lines
    .map((text, i) => `<text x="40" y="${60 + i * 60}" font-family="DejaVu Sans Mono" font-size="30" fill="black">${text}</text>`)
    .join("")}</svg>`;
  page = await sharp(Buffer.from(svg)).png().toBuffer();
});

const json = (body: Record<string, unknown>) => jsonRequest(url, { document_image: page.toString("base64"), ...body });

describe("document tasks", () => {
  it("key_fields only: OCR and the key fields, no language, answer or injection check, and only the OCR models ran", async () => {
    const before = await inferenceCounts();
    const response = await POST(json({ tasks: ["key_fields"] }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.tasks).toEqual(["ocr", "key_fields"]);
    expect(body.key_fields.total).toMatchObject({ amount: 4.2, currency: "EUR" });
    for (const absent of ["language", "answer", "injection"]) expect(body).not.toHaveProperty(absent);
    expect(Object.keys(body.timings_ms).sort()).toEqual(["classify", "decode", "detect", "key_fields", "ocr_total", "recognize"]);
    expect(body.models.detection).toMatchObject({ id: "ppocr-v4-det", variant: "full_precision", chosen_by: "serving_default" });
    expect(body.models.recognition).toMatchObject({ id: "ppocr-v4-rec", variant: "full_precision", chosen_by: "serving_default" });
    expect(modelsThatRan(before, await inferenceCounts())).toEqual(["ppocr-mobile-v2-cls", "ppocr-v4-det", "ppocr-v4-rec"]);
  });

  it("answer runs the key fields too, and takes tasks as a multipart comma list", async () => {
    const response = await POST(multipartRequest(url, { document_image: page }, { tasks: "answer", query: "What is the total?" }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.tasks).toEqual(["ocr", "key_fields", "answer"]);
    expect(body.answer.text).toMatch(/^4\.20\b/);
  });
});

describe("bad document tasks and variants", () => {
  it("an unknown task is a 400 naming it", async () => {
    const problem = await expectProblem(await POST(json({ tasks: ["ocr", "translate"] })), 400, { detail: /unknown task \W+translate/ });
    expect(problem.errors[0].field).toBe("tasks.1");
  });
  it("answer asked for without a query is a 400 naming query", async () => {
    const problem = await expectProblem(await POST(json({ tasks: ["answer"] })), 400, { detail: /no query/ });
    expect(problem.errors[0].field).toBe("query");
  });
  it("a role documents do not have, and an unknown variant, are 400s naming the field", async () => {
    await expectProblem(await POST(json({ variants: { detector: "quantized" } })), 400, { detail: /detector/ });
    const problem = await expectProblem(await POST(json({ variants: { ocr_recognition: "fp16" } })), 400, { detail: /unknown variant/ });
    expect(problem.errors[0].field).toBe("variants.ocr_recognition");
  });
  it("a variant the lab has not produced here is 503 model_unavailable with the reason, as any unavailable model", async () => {
    await expectProblem(await POST(json({ variants: { ocr_detection: "pruned" } })), 503, {
      code: "model_unavailable",
      detail: /No pruned variant of ppocr-v4-det has been produced on this instance yet.*POST \/api\/v1\/models\/variants/,
    });
  });
});
