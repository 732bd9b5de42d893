import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateApiTypes } from "./api-types-source";
import { generateRouteMethods } from "./route-methods-source";

describe("the typed client's types", () => {
  it("are what the OpenAPI document generates now (run `npm run api:types` after changing a route's schemas)", async () => {
    const committed = readFileSync(path.join(import.meta.dirname, "../api-client/api-types.ts"), "utf8");
    expect(committed === (await generateApiTypes())).toBe(true);
  });

  it("the methods per path that proxy.ts checks are what the operations generate now (`npm run api:types`)", () => {
    const committed = readFileSync(path.join(import.meta.dirname, "../http/route-methods.ts"), "utf8");
    expect(committed).toBe(generateRouteMethods());
  });
});
