import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError, problemStatusByCode } from "../errors";
import { readRequestBody } from "./read-request-body";

/**
 * Property-based tests of the one body reader every route goes through: whatever bytes, content type
 * and chunking a client sends, it either reads the body or rejects with an ApiError that maps to a
 * 4xx. A TypeError, a RangeError or a hang here would be a 500 (or a stuck socket) on every route.
 */

const options = { maxBytes: 4096, fileFields: ["image"], repeatedFileFields: ["images"] };

/** A request whose body arrives in the given chunks, with no Content-Length (as a chunked upload). */
function streamedRequest(chunks: Uint8Array[], contentType: string | undefined, contentLength?: string): Request {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  if (contentLength !== undefined) headers["content-length"] = contentLength;
  return new Request("http://test.local/api", { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
}

async function expectReadOr4xx(request: Request, readOptions = options) {
  try {
    return await readRequestBody(request, readOptions);
  } catch (error) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(ApiError);
    const status = problemStatusByCode[(error as ApiError).code as keyof typeof problemStatusByCode];
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    return undefined;
  }
}

const contentTypes = fc.oneof(
  fc.constantFrom(
    undefined,
    "",
    "application/json",
    "application/json; charset=utf-8",
    "application/problem+json",
    "text/plain",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=xyz",
    "application/x-www-form-urlencoded",
  ),
  fc.string({ maxLength: 40 }).map((s) => `multipart/form-data; boundary=${s}`),
  fc.string({ maxLength: 40 }),
);
const chunked = (bytes: Uint8Array) =>
  fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
    return points.slice(1).map((end, i) => bytes.slice(points[i], end));
  });

describe("readRequestBody (property-based)", () => {
  it("reads or rejects with a 4xx ApiError, whatever the bytes, content type and chunking", async () => {
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v) ?? "")),
      fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
    );
    await fc.assert(
      fc.asyncProperty(
        bodies.chain((bytes) => fc.tuple(chunked(bytes), contentTypes)),
        async ([chunks, contentType]) => {
          await expectReadOr4xx(streamedRequest(chunks, contentType));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads multipart bodies built from arbitrary parts, and rejects corrupted ones with a 4xx", async () => {
    const part = fc.record({
      name: fc.constantFrom("image", "images", "text", "other", ""),
      value: fc.oneof(fc.string({ maxLength: 50 }), fc.uint8Array({ maxLength: 80 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 5 }), fc.nat(), fc.boolean(), async (parts, cut, corrupt) => {
        const form = new FormData();
        for (const { name, value } of parts) {
          if (typeof value === "string") form.append(name, value);
          else form.append(name, new Blob([new Uint8Array(value)]), "f.bin");
        }
        const encoded = new Response(form);
        const contentType = encoded.headers.get("content-type")!;
        let bytes = new Uint8Array(await encoded.arrayBuffer());
        if (corrupt) bytes = bytes.slice(0, cut % (bytes.length + 1));
        await expectReadOr4xx(streamedRequest([bytes], contentType));
      }),
      { numRuns: 200 },
    );
  });

  it("gives back any JSON object it is sent, member for member", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string({ maxLength: 10 }).filter((k) => k !== "image" && k !== "__proto__"),
          fc.jsonValue({ maxDepth: 4 }),
        ),
        async (object) => {
          const bytes = new TextEncoder().encode(JSON.stringify(object));
          const read = await readRequestBody(streamedRequest([bytes], "application/json"), { ...options, maxBytes: 1 << 20 });
          expect(read.values).toEqual(JSON.parse(JSON.stringify(object)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses every body over the limit with 413, declared or not, however it is chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3000 }).chain((excess) => chunked(new Uint8Array(options.maxBytes + excess).fill(0x20))),
        fc.boolean(),
        async (chunks, declare) => {
          const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
          const error = await readRequestBody(streamedRequest(chunks, "application/json", declare ? String(size) : undefined), options).catch((e) => e);
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).code).toBe("payload_too_large");
        },
      ),
      { numRuns: 100 },
    );
  });

  it("rejects 10k-deep nesting as a 4xx or reads it, without a stack overflow", async () => {
    for (const depth of [10_000, 100_000]) {
      const nested = `{"text":${"[".repeat(depth)}${"]".repeat(depth)}}`;
      await expectReadOr4xx(streamedRequest([new TextEncoder().encode(nested)], "application/json"), { ...options, maxBytes: 1 << 20 });
    }
  });
});
