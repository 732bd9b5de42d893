import { describe, expect, it } from "vitest";
import { expectProblem as expectProblemAnswer, authorization } from "@/test/api-requests";
import { POST } from "./route";

const url = "http://localhost/api/v1/analyze/multilingual";
const send = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  POST(new Request(url, { method: "POST", headers: { authorization, ...headers }, body }));

const expectProblem = (response: Response, status: number, code: string) =>
  expectProblemAnswer(response, status, { code, instance: "/api/v1/analyze/multilingual" });

describe("POST /api/v1/analyze/multilingual rejects bad input with problem+json", () => {
  it("415 for a body that is not JSON", async () => {
    await expectProblem(await send("content=hello", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    await expectProblem(await send("hello", { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectProblem(await send('{"content":"hello"}', {}), 415, "unsupported_media_type");
  });

  it("400 for malformed JSON", async () => {
    const problem = await expectProblem(await send('{"content": "hello",'), 400, "bad_request");
    expect(problem.detail).toMatch(/not valid JSON/);
  });

  it("400 for an empty body", async () => {
    await expectProblem(await send(""), 400, "bad_request");
    await expectProblem(await send(null), 400, "bad_request");
  });

  it("400 for empty, whitespace-only or control-character-only content", async () => {
    for (const content of ["", "   \n\t  ", "\u0000\u0001\u0002", "\u202e\ufeff"]) {
      const problem = await expectProblem(await send(JSON.stringify({ content })), 400, "invalid_input");
      expect(problem.errors).toEqual([{ field: "content", message: expect.any(String) }]);
    }
  });

  it("400 naming the field for a missing or wrongly typed field", async () => {
    const missing = await expectProblem(await send(JSON.stringify({ text: "hello" })), 400, "invalid_input");
    expect(missing.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["content"]));
    for (const body of [{ content: 42 }, { content: ["a"] }, { content: null }]) {
      await expectProblem(await send(JSON.stringify(body)), 400, "invalid_input");
    }
    for (const body of [[], "just a string", 7, null]) {
      const problem = await expectProblem(await send(JSON.stringify(body)), 400, "bad_request");
      expect(problem.detail).toMatch(/JSON object/);
    }
    const flag = await expectProblem(await send(JSON.stringify({ content: "hi", detect_language: "yes" })), 400, "invalid_input");
    expect(flag.errors[0].field).toBe("detect_language");
  });

  it("400 for a target_language that is not ISO 639-1", async () => {
    for (const target_language of ["german", "deu", "xx", "DE", "iw", 5]) {
      const problem = await expectProblem(await send(JSON.stringify({ content: "Hallo Welt", target_language })), 400, "invalid_input");
      expect(problem.errors[0].field).toBe("target_language");
    }
  });

  it("413 for content over 100,000 characters", async () => {
    const problem = await expectProblem(await send(JSON.stringify({ content: "a".repeat(100_001) })), 413, "payload_too_large");
    expect(problem.detail).toMatch(/100000/);
  });

  it("413 for a body over the byte limit, declared or not", async () => {
    const huge = JSON.stringify({ content: "x".repeat(2 * 1024 * 1024) });
    await expectProblem(await send(huge), 413, "payload_too_large");
    // A streamed body without content-length is cut off while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        controller.close();
      },
    });
    const response = await POST(
      new Request(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
    );
    await expectProblem(response, 413, "payload_too_large");
  });

  it("400 for unknown fields (a misspelt option is not silently ignored)", async () => {
    const problem = await expectProblem(await send(JSON.stringify({ content: "Hallo", detect_langauge: false })), 400, "invalid_input");
    expect(JSON.stringify(problem.errors)).toContain("detect_langauge");
  });

  it("never answers 500 for hostile text", async () => {
    const hostile = [
      "\ud800\udbff lone surrogates \udfff",
      "‮ reversed ‭ text ⁦ isolates ⁩",
      "e\u0301\u0301\u0301\u0301\u0301".repeat(2000),
      "👨‍👩‍👧‍👦".repeat(5000),
      "<script>alert(1)</script> ' OR 1=1 --",
      `${"\u0001".repeat(1000)}Hallo`,
      "ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
      "A".repeat(99_999),
    ];
    for (const content of hostile) {
      const response = await send(JSON.stringify({ content }));
      expect(response.status, content.slice(0, 30)).toBe(200);
    }
    // NUL alone is refused, by every route (lib/http/with-api.ts: PostgreSQL text cannot hold it).
    const nul = await send(JSON.stringify({ content: `${"\u0000".repeat(1000)}Hallo` }));
    expect(nul.status).toBe(400);
    expect(nul.headers.get("content-type")).toContain("application/problem+json");
  });
});
