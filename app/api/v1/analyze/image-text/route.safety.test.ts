import { describe, expect, it } from "vitest";
import { imageTextResponseSchema } from "@/lib/analyze/image-text/schema";
import { jsonRequest } from "@/test/api-requests";
import { attackScreenshot, everydayPages, renderPage } from "@/test/rendered-pages";
import { POST } from "./route";

// Rendered pages through POST /api/v1/analyze/image-text: the OCR text goes through the injection check as document text.
const analyze = async (lines: readonly string[], text: string) => {
  const png = await renderPage(lines);
  const response = await POST(jsonRequest("http://localhost/api/v1/analyze/image-text", { image: png.toString("base64"), text }));
  expect(response.status).toBe(200);
  return imageTextResponseSchema.parse(await response.json());
};
const injectionCategories = (body: Awaited<ReturnType<typeof analyze>>) =>
  body.safety?.available ? body.safety.categories.filter((c) => c.includes("injection")) : ["safety unavailable"];

describe("POST /api/v1/analyze/image-text judges the text in an image as document text", () => {
  it.each(Object.entries(everydayPages))(
    "does not flag an ordinary %s as an injection",
    async (name, lines) => {
      const body = await analyze(lines, `a scanned ${name}`);
      expect(injectionCategories(body)).toEqual([]);
    },
    120_000,
  );

  it("still flags a screenshot saying to ignore previous instructions", async () => {
    const body = await analyze(attackScreenshot, "meeting notes");
    expect(injectionCategories(body)).toContain("image_text_injection");
    expect(body.safety).toMatchObject({ available: true, verdict: "unsafe" });
  }, 120_000);
});
