import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { routeLabel } from "../http/operation";
import { buildOpenApiDocument } from "./openapi-document";
import { publicOperations } from "./operations";

/** The OpenAPI document is valid, covers every route under /api, and its examples match the schemas the handlers use. */

const appDir = path.join(import.meta.dirname, "../../app");

/** Every route file under app/api with the methods it exports, as `METHOD /path/{param}`. */
function routesInApp(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const urlPath = `/${path.relative(appDir, dir)}`
          .split(path.sep)
          .join("/")
          .replace(/\[(\w+)\]/g, "{$1}");
        for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)) routes.push(`${method} ${urlPath}`);
      }
    }
  };
  walk(path.join(appDir, "api"));
  walk(path.join(appDir, "v2"));
  return routes.sort();
}

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is valid OpenAPI 3.1", async () => {
    // validate() mutates what it is given (dereferencing); give it a copy.
    await expect(validate(structuredClone(document) as never)).resolves.toMatchObject({ valid: true });
  });

  it("has an operation for every route under /api/v1, /v2 and the probes, and nothing that no route serves", () => {
    const served = routesInApp().filter(
      (route) => !route.includes("[...") && !route.startsWith("GET /api/auth") && !route.startsWith("POST /api/auth") && !route.includes("{...path}"),
    );
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const v1 = served.filter((route) => route.includes(" /api/v1/"));
    expect(v1.length).toBeGreaterThan(25);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route)).sort()).toEqual([]);
  });

  it("documents exactly the params each path template names (the handler gets them typed from Next's route types)", () => {
    for (const operation of publicOperations.filter((o) => !o.internal)) {
      const named = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(operation.params ?? {}).sort(), operation.path).toEqual(named);
    }
  });

  it("route files pass their own operation to withApi (the label in logs and usage is the documented path)", () => {
    const labels = new Set(publicOperations.map(routeLabel));
    expect(labels.size).toBe(publicOperations.length);
    const ids = publicOperations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives every operation a curl example, and every request example passes the schema the handler validates with", () => {
    for (const operation of publicOperations.filter((o) => !o.internal)) {
      const described = (document.paths as Record<string, Record<string, { "x-codeSamples": { source: string }[] }>>)[operation.path][
        operation.method.toLowerCase()
      ];
      expect(described["x-codeSamples"][0].source, operation.operationId).toContain(operation.path.split("{")[0]);
      if (!operation.body) continue;
      const { example, files = {} } = operation.body;
      const values = Object.fromEntries(Object.entries(example).filter(([key]) => !(key in files)));
      const parsed = operation.body.schema.safeParse(values);
      expect(parsed.success, `${operation.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("documents errors as problem+json and the rate-limit headers on answers", () => {
    const keys = (document.paths as Record<string, Record<string, { responses: Record<string, { $ref?: string; headers?: Record<string, unknown> }> }>>)[
      "/api/v1/keys"
    ].post;
    expect(keys.responses["429"].$ref).toBe("#/components/responses/Problem429");
    expect(Object.keys(keys.responses["201"].headers ?? {})).toEqual(expect.arrayContaining(["RateLimit", "RateLimit-Policy", "location"]));
    const components = document.components as { schemas: { Problem: { properties: Record<string, unknown> } } };
    expect(Object.keys(components.schemas.Problem.properties)).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "code", "errors"]));
  });

  it("describes uploads both ways: base64 in JSON, binary parts in multipart", () => {
    const body = (
      document.paths as Record<
        string,
        Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, Record<string, string>>; required: string[] } }> } }>
      >
    )["/api/v1/analyze/image-text"].post.requestBody.content;
    expect(body["application/json"].schema.properties.image.contentEncoding).toBe("base64");
    expect(body["multipart/form-data"].schema.properties.image.contentMediaType).toBe("application/octet-stream");
    expect(body["application/json"].schema.required).toEqual(expect.arrayContaining(["text", "image"]));
  });
});

describe("the docs page's quickstart", () => {
  it("is the README's quickstart block, which e2e/accounts.spec.ts runs as written", async () => {
    const { QUICKSTART_SCRIPT } = await import("./quickstart");
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const block = readme.slice(readme.indexOf("<!-- quickstart:start -->"), readme.indexOf("<!-- quickstart:end -->"));
    expect(block).toContain(`\`\`\`bash\n${QUICKSTART_SCRIPT}\`\`\``);
  });
});
