import { describe, expect, it } from "vitest";
import { z } from "zod";
import { snakeCaseSchema, toSnakeCaseKeys } from "./snake-case";

describe("snake_case at the API boundary", () => {
  const camel = z.object({
    modelId: z.string(),
    perfFigures: z.array(z.object({ meanMs: z.number(), p95Ms: z.number().nullable() })),
    accuracy: z.union([z.object({ available: z.literal(true), topOne: z.number() }), z.object({ available: z.literal(false), reason: z.string() })]),
    byFamily: z.record(z.string(), z.object({ sizeBytes: z.number() })).optional(),
    already_snake: z.string(),
  });
  const value = {
    modelId: "m",
    perfFigures: [{ meanMs: 1, p95Ms: null }],
    accuracy: { available: true, topOne: 0.5 },
    byFamily: { "yolox-nano": { sizeBytes: 3 } },
    already_snake: "x",
  };

  it("renames keys in the value and the schema alike, so the renamed value passes the renamed schema", () => {
    const renamed = toSnakeCaseKeys(value);
    expect(renamed).toEqual({
      model_id: "m",
      perf_figures: [{ mean_ms: 1, p95_ms: null }],
      accuracy: { available: true, top_one: 0.5 },
      by_family: { "yolox-nano": { size_bytes: 3 } },
      already_snake: "x",
    });
    expect(snakeCaseSchema(camel).parse(renamed)).toEqual(renamed);
    // The old camelCase shape no longer passes: the schema really changed.
    expect(snakeCaseSchema(camel).safeParse(value).success).toBe(false);
  });

  it("leaves data keys that are not camelCase identifiers alone", () => {
    expect(toSnakeCaseKeys({ "MobileNet-V2": 1, URL: 2, a: { b: [{ cD: 3 }] } })).toEqual({ "MobileNet-V2": 1, URL: 2, a: { b: [{ c_d: 3 }] } });
  });
});
