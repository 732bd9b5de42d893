import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { routeMethods } from "./lib/http/route-methods";
import { proxy } from "./proxy";

// The proxy's answers before any route runs: here, the method check (the percent-encoding and
// cross-origin checks are exercised on the production build by e2e/hardening.spec.ts and security.spec.ts).

const call = (method: string, path: string) => proxy(new NextRequest(`http://localhost${path}`, { method }));
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";
const concrete = (template: string) => template.replace(/\{\w+\}/g, "abc");

describe("proxy: a method a route does not have", () => {
  it("answers 405 problem+json with the Allow header the RFC requires", async () => {
    const response = call("PUT", "/api/v1/history");
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await response.json()).toMatchObject({
      status: 405,
      code: "method_not_allowed",
      type: "/docs/errors#method_not_allowed",
      detail: expect.stringContaining("PUT"),
    });
  });

  it("matches literal paths before templates, as Next routes them", () => {
    expect(passedOn(call("POST", "/api/v1/batch/process"))).toBe(true);
    expect(call("GET", "/api/v1/batch/process").headers.get("allow")).toBe("OPTIONS, POST");
    expect(passedOn(call("DELETE", "/api/v1/batch/0b6f"))).toBe(true);
    expect(call("PUT", "/api/v1/batch/0b6f").headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS");
    expect(call("GET", "/v2/models/mobilenetv2/versions/1/infer").status).toBe(405);
    expect(call("PATCH", "/v2").status).toBe(405);
  });

  it("passes on every documented method of every path, HEAD where there is GET, and OPTIONS everywhere", () => {
    for (const [template, methods] of Object.entries(routeMethods)) {
      for (const method of [...methods, "OPTIONS"]) expect(passedOn(call(method, concrete(template))), `${method} ${template}`).toBe(true);
      expect(call("HEAD", concrete(template)).status === 405, `HEAD ${template}`).toBe(!methods.includes("GET"));
      const missing = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !methods.includes(m));
      for (const method of missing) expect(call(method, concrete(template)).status, `${method} ${template}`).toBe(405);
    }
  });

  it("leaves paths no operation documents to their own routes (the 404 catch-all, next-auth, pages)", () => {
    expect(passedOn(call("PUT", "/api/v1/nothing-here"))).toBe(true);
    expect(passedOn(call("POST", "/api/auth/callback/credentials"))).toBe(true);
  });
});
