import { describe, expect, it } from "vitest";
import { documentResponseSchema } from "@/lib/analyze/document/schemas";
import { jsonRequest } from "@/test/api-requests";
import { attackScreenshot, everydayPages, renderPage } from "@/test/rendered-pages";
import { POST } from "./route";

// Rendered pages through POST /api/v1/analyze/document: the page's text is judged as a document.
const analyze = async (lines: readonly string[]) => {
  const png = await renderPage(lines);
  const response = await POST(jsonRequest("http://localhost/api/v1/analyze/document", { document_image: png.toString("base64") }));
  expect(response.status).toBe(200);
  return documentResponseSchema.parse(await response.json());
};

describe("POST /api/v1/analyze/document judges a page's text as document text", () => {
  it.each(Object.entries(everydayPages))("does not flag an ordinary %s as an injection", async (_name, lines) => {
    const body = await analyze(lines);
    expect(body.lines.length).toBeGreaterThan(3);
    expect(body.injection).toMatchObject({ flagged: false, mode: "document" });
  });

  it("flags a page telling the model to ignore its instructions, with the evidence span", async () => {
    const body = await analyze(attackScreenshot);
    expect(body.injection).toMatchObject({ flagged: true, mode: "document" });
    expect(body.injection!.families.map((f) => f.family)).toContain("ignore-previous");
    expect(body.timings_ms.injection).toBeGreaterThanOrEqual(0);
  });
});
