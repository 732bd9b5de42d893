import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site, as the URL parser reads them", () => {
    expect(safeRedirectPath("/analyze?x=1#top")).toBe("/analyze?x=1#top");
    expect(safeRedirectPath("/a/../history")).toBe("/history");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\\\\evil.example",
    "/\t\\evil.example",
    "https://evil.example/",
    "evil.example",
    "javascript:alert(1)",
    "/%09/evil.example".replace("%09", "\t"),
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value, "/fallback")).toBe("/fallback");
  });

  it("keeps an encoded tab as the harmless path it is", () => {
    // %09 stays encoded in the path: the browser requests /%09/evil.example on this site.
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
  });
});
