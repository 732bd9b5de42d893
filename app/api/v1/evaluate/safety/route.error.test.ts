import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { expectProblem as expectProblemAnswer, authorization } from "@/test/api-requests";
import { POST } from "./route";

const send = (body: string, contentType = "application/json") =>
  POST(new Request("http://localhost/api/v1/evaluate/safety", { method: "POST", headers: { authorization, "content-type": contentType }, body }));

const expectProblem = (response: Response, status: number, detail?: RegExp) => expectProblemAnswer(response, status, { detail });

describe("POST /api/v1/evaluate/safety with bad input", () => {
  it("refuses malformed base64 and a truncated image", async () => {
    await expectProblem(await send(JSON.stringify({ content_type: "image", image: "%%%not base64%%%" })), 400, /base64/);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    const truncated = png.subarray(0, Math.floor(png.length / 2)).toString("base64");
    const response = await send(JSON.stringify({ content_type: "image", image: truncated }));
    expect([415, 422]).toContain(response.status);
    await expectProblem(response, response.status);
  });

  it("refuses a huge prompt and a huge body", async () => {
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "a".repeat(32_001) })), 400, /32000/);
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "a".repeat(16 * 1024 * 1024) })), 413);
  });

  it("refuses control characters and broken Unicode in the prompt", async () => {
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "hello\u0000world" })), 400, /U\+0000/);
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "bell \u0007" })), 400, /control character/);
    await expectProblem(await send('{"content_type":"text","prompt":"broken \\ud800 surrogate"}'), 400, /Unicode/);
  });

  it("refuses a wrong content_type, wrong media type and malformed bodies", async () => {
    await expectProblem(await send(JSON.stringify({ content_type: "video", prompt: "hi" })), 400, /content_type/);
    await expectProblem(await send(JSON.stringify({ prompt: "hi" })), 400, /content_type/);
    await expectProblem(await send("prompt=hi", "text/plain"), 415);
    await expectProblem(await send("{not json"), 400);
    await expectProblem(await send("[]"), 400);
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: 42 })), 400, /string/);
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "hi", extra: true })), 400);
  });

  it("refuses content_type / payload mismatches", async () => {
    const png = (
      await sharp({ create: { width: 32, height: 32, channels: 3, background: "#fff" } })
        .png()
        .toBuffer()
    ).toString("base64");
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "hi", image: png })), 422, /multimodal/);
    await expectProblem(await send(JSON.stringify({ content_type: "text" })), 422, /needs a prompt/);
    await expectProblem(await send(JSON.stringify({ content_type: "image", prompt: "hi" })), 422);
    await expectProblem(await send(JSON.stringify({ content_type: "image" })), 422, /needs an image/);
    await expectProblem(await send(JSON.stringify({ content_type: "multimodal", prompt: "hi" })), 422, /needs an image/);
    await expectProblem(await send(JSON.stringify({ content_type: "text", prompt: "   " })), 422, /empty/);
  });

  it("evaluates hostile text instead of failing on it", async () => {
    const hostile = `\u202e\u200b<script>alert(1)</script>' OR 1=1 -- \${jndi:ldap://x} ${"💣".repeat(500)}`;
    const response = await send(JSON.stringify({ content_type: "text", prompt: hostile }));
    expect(response.status).toBe(200);
    expect((await response.json()).verdict).toBe("unsafe");
  });
});
