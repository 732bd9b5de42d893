import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Field } from "./base64-field";
import { InvalidArgumentError } from "./domain-errors";
import { toProblem } from "./errors";

const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("decodeBase64Field", () => {
  it("decodes base64 with whitespace and line breaks", () => {
    const wrapped = png.toString("base64").replace(/(.{8})/g, "$1\n");
    expect(decodeBase64Field("image", wrapped).bytes.equals(png)).toBe(true);
  });

  it("answers a data URL that is not base64 and an empty field as the routes always have", () => {
    for (const [raw, detail, message] of [
      ["data:image/png,abc", '"image" is a data URL without ";base64," — only base64 data URLs are accepted.', "data URL is not base64"],
      ["  ", '"image" is not valid base64 (it is empty).', "empty"],
      ["!!!", '"image" is not valid base64.', "malformed base64"],
    ]) {
      const error = (() => {
        try {
          decodeBase64Field("image", raw);
        } catch (caught) {
          return caught;
        }
      })();
      expect(toProblem(error).problem).toEqual({
        type: "/docs/errors#invalid_input",
        title: "Invalid input",
        status: 400,
        detail,
        code: "invalid_input",
        errors: [{ field: "image", message }],
      });
    }
  });
});

describe("decodeBase64Field (property-based)", () => {
  it("round-trips any bytes through base64, base64url and data URLs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.constantFrom("base64", "base64url", "dataurl", "wrapped"), (bytes, form) => {
        const buffer = Buffer.from(bytes);
        const raw =
          form === "base64"
            ? buffer.toString("base64")
            : form === "base64url"
              ? buffer.toString("base64url")
              : form === "dataurl"
                ? `data:image/png;base64,${buffer.toString("base64")}`
                : buffer.toString("base64").replace(/(.{76})/g, "$1\r\n");
        expect(Buffer.compare(decodeBase64Field("image", raw).bytes, buffer)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("decodes or rejects any string with invalid_input, never another error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.string({ maxLength: 100 }).map((s) => `data:${s}`),
          fc.string({ unit: "binary", maxLength: 50 }),
        ),
        (raw) => {
          try {
            decodeBase64Field("image", raw);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidArgumentError);
            expect(toProblem(error).problem).toMatchObject({ status: 400, code: "invalid_input", errors: [{ field: "image" }] });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
