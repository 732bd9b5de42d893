import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { readRequestBody } from "./read-request-body";

const options = { maxBytes: 1024, fileFields: ["image"] as const };
const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readRequestBody", () => {
  it("reads JSON with a base64 file and a data URL file", async () => {
    for (const image of [png.toString("base64"), `data:image/png;base64,${png.toString("base64")}`, png.toString("base64url")]) {
      const body = await readRequestBody(
        new Request("http://x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ image, text: "hi" }) }),
        options,
      );
      expect(body.files.image.equals(png)).toBe(true);
      expect(body.values).toEqual({ text: "hi" });
    }
  });

  it("reads multipart with a file part and text fields", async () => {
    const form = new FormData();
    form.set("image", new Blob([png], { type: "image/png" }), "a.png");
    form.set("text", "a caption");
    const body = await readRequestBody(new Request("http://x", { method: "POST", body: form }), options);
    expect(body.kind).toBe("multipart");
    expect(body.files.image.equals(png)).toBe(true);
    expect(body.fileTypes.image).toBe("image/png");
    expect(body.values.text).toBe("a caption");
  });

  it.each([
    ["text/plain", "hello", 415],
    ["", "hello", 415],
    ["application/json", "", 400],
    ["application/json", "{not json", 400],
    ["application/json", "[1,2]", 400],
    ["application/json", '"a string"', 400],
    ["application/json", JSON.stringify({ image: 42 }), 400],
    ["application/json", JSON.stringify({ image: "!!!not base64!!!" }), 400],
    ["application/json", JSON.stringify({ image: "data:image/png,rawbytes" }), 400],
    ["application/json", JSON.stringify({ image: "" }), 400],
    ["application/json", JSON.stringify({ image: "A" }), 400],
    ["multipart/form-data; boundary=zzz", "garbage without parts", 400],
  ])("answers %s %j with %i", async (contentType, body, status) => {
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    const error = await failure(readRequestBody(new Request("http://x", { method: "POST", headers, body }), options));
    expect(error.status).toBe(status);
  });

  it("refuses an oversized body whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ text: "x".repeat(5000) });
    const declared = await failure(
      readRequestBody(
        new Request("http://x", { method: "POST", headers: { "content-type": "application/json", "content-length": String(big.length) }, body: big }),
        options,
      ),
    );
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(500)));
        controller.close();
      },
    });
    const undeclared = await failure(
      readRequestBody(
        new Request("http://x", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
        options,
      ),
    );
    expect(undeclared.status).toBe(413);
  });

  it("refuses a file in an unexpected multipart field", async () => {
    const form = new FormData();
    form.set("avatar", new Blob([png]), "a.png");
    const error = await failure(readRequestBody(new Request("http://x", { method: "POST", body: form }), options));
    expect(error.status).toBe(400);
  });
});
