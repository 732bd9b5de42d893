import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { expectProblem as expectProblemAnswer, jsonRequest, multipartRequest, authorization } from "@/test/api-requests";
import { POST } from "./route";

// Bad input to POST /api/v1/analyze/document: every case is a 4xx problem+json, never a 500; a
// blank page is not bad input (200, no lines, a warning).
let png: Buffer;
let blank: Buffer;
let bomb: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#ffffff" } })
    .composite([{ input: Buffer.from('<svg width="120" height="80"><text x="5" y="45" font-size="20" font-family="DejaVu Sans">Total 9,99</text></svg>') }])
    .png()
    .toBuffer();
  blank = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#ffffff" } })
    .png()
    .toBuffer();
  bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: "#ffffff" }, limitInputPixels: false })
    .png({ compressionLevel: 9 })
    .toBuffer();
}, 60_000);

const url = "http://localhost/api/v1/analyze/document";
const json = (body: unknown) => jsonRequest(url, body);
const multipart = (image: Buffer | undefined, fields: Record<string, string> = {}, name = "document_image") => multipartRequest(url, { [name]: image }, fields);
const expectProblem = async (request: Request, status: number, detail?: RegExp) => expectProblemAnswer(await POST(request), status, { detail });

describe("POST /api/v1/analyze/document rejects bad input", () => {
  it("not an image", () => expectProblem(multipart(Buffer.from("%PDF-1.7 pretend this is a scanned invoice")), 415, /not an image/));
  it("an SVG (vector, refused before rendering)", () =>
    expectProblem(json({ document_image: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64") }), 415));
  it("a truncated PNG", () =>
    expectProblem(json({ document_image: png.subarray(0, Math.floor(png.length * 0.5)).toString("base64") }), 422, /truncated|corrupt|decoded/));
  it("a 20000x20000 PNG (decompression bomb)", () => expectProblem(multipart(bomb), 413, /megapixels/));
  it("a 1x1 image", async () => {
    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    await expectProblem(json({ document_image: dot.toString("base64") }), 422, /1x1/);
  });
  it("malformed base64 and a data URL that is not base64", async () => {
    const problem = await expectProblem(json({ document_image: "%%% not base64 ***" }), 400);
    expect(problem.errors[0].field).toBe("document_image");
    await expectProblem(json({ document_image: "data:image/png,rawbytes" }), 400, /base64/);
  });
  it("an image given as a number, or missing", async () => {
    await expectProblem(json({ document_image: 42 }), 400);
    await expectProblem(json({ query: "total?" }), 400, /image is required/);
    await expectProblem(multipart(png, {}, "file"), 400);
  });
  it("an empty or whitespace-only query", async () => {
    await expectProblem(json({ document_image: png.toString("base64"), query: "" }), 400);
    const problem = await expectProblem(multipart(png, { query: "   \n " }), 400);
    expect(problem.errors[0].field).toBe("query");
  });
  it("an oversized query", async () => {
    const problem = await expectProblem(json({ document_image: png.toString("base64"), query: "total ".repeat(200) }), 400);
    expect(problem.errors[0].message).toMatch(/at most 500/);
  });
  it("control, zero-width and bidi-override characters in the query", async () => {
    for (const query of ["total\u0000", "\u0007\u001b[31m", "what is\u202e the total", "to\u200btal"]) {
      const problem = await expectProblem(json({ document_image: png.toString("base64"), query }), 400);
      expect(problem.errors[0].message).toMatch(/control/);
    }
  });
  it("a query of the wrong type, a bad language code, an unknown field", async () => {
    await expectProblem(json({ document_image: png.toString("base64"), query: ["total"] }), 400);
    await expectProblem(json({ document_image: png.toString("base64"), language: "German" }), 400);
    await expectProblem(json({ document_image: png.toString("base64"), pages: 3 }), 400);
  });
  it("the wrong content type", async () => {
    await expectProblem(new Request(url, { method: "POST", headers: { authorization, "content-type": "image/png" }, body: new Uint8Array(png) }), 415);
    await expectProblem(new Request(url, { method: "POST", headers: { authorization, "content-type": "text/plain" }, body: "document_image=abc" }), 415);
  });
  it("malformed JSON, a JSON array, an empty body", async () => {
    await expectProblem(
      new Request(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: '{"document_image": "' }),
      400,
    );
    await expectProblem(json([png.toString("base64")]), 400);
    await expectProblem(new Request(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: "" }), 400);
  });
  it("a body over the size limit", () =>
    expectProblem(
      new Request(url, {
        method: "POST",
        headers: { authorization, "content-type": "application/json", "content-length": String(100 * 1024 * 1024) },
        body: "{}",
      }),
      413,
    ));
});

describe("POST /api/v1/analyze/document on a blank page", () => {
  it("answers 200 with no lines and a warning, not an error", async () => {
    const response = await POST(multipart(blank, { query: "What is the total?" }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.lines).toEqual([]);
    expect(body.full_text).toBe("");
    expect(body.key_fields).toEqual({ merchant: null, date: null, total: null, fields: [] });
    expect(body.warnings.join(" ")).toMatch(/No text was found/);
    expect(body.language).toMatchObject({ available: false });
    expect(body.answer).toMatchObject({ query: "What is the total?", text: "", field: null, passages: [] });
  });
});
