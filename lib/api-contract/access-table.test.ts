import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scopesOf } from "../auth/roles";
import type { Operation } from "../http/operation";
import { publicOperations } from "./operations";

/**
 * SECURITY.md's "Who may call what" is the committed record of every operation's auth level and scope. A
 * change to either in lib/api-contract (a scope dropped, a route made public, a new route) fails here
 * until the table says the same: access changes are reviewed as such, not slipped in with other code.
 */

const SECTION = "## Who may call what";

const accessRow = (operation: Operation) => {
  const scopes = scopesOf(operation.scope);
  return `${operation.method} ${operation.path} | ${operation.auth} | ${scopes.length ? scopes.map((scope) => `\`${scope}\``).join(" or ") : "—"}`;
};

function tableRows(markdown: string): string[] {
  const start = markdown.indexOf(SECTION);
  if (start < 0) throw new Error(`SECURITY.md has no "${SECTION}" section`);
  const end = markdown.indexOf("\n## ", start + SECTION.length);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim())
        .join(" | ")
        .replace(/^`([^`]+)`/, "$1"),
    );
}

describe("SECURITY.md's access table", () => {
  it("lists every operation with the auth and scope it declares, and nothing else", () => {
    const documented = tableRows(readFileSync(new URL("../../SECURITY.md", import.meta.url), "utf8"));
    const declared = publicOperations.map(accessRow);
    expect(documented.sort()).toEqual([...declared].sort());
  });

  it("puts stored analyses behind scopes a safety-only key does not have (jobs are filtered by kind: e2e/security)", () => {
    const byPath = new Map(publicOperations.map((operation) => [`${operation.method} ${operation.path}`, operation]));
    for (const route of ["GET /api/v1/history", "GET /api/v1/history/{id}", "DELETE /api/v1/history/{id}", "GET /api/v1/history/{id}/image"]) {
      const operation = byPath.get(route);
      expect(operation, route).toBeDefined();
      expect(scopesOf(operation!.scope), route).not.toContain("safety");
      expect(scopesOf(operation!.scope).length, route).toBeGreaterThan(0);
    }
  });
});
