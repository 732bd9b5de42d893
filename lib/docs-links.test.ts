import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README is the front door and docs/ holds the reference: a link that leads nowhere (a moved file, a renamed
// heading, a screenshot not taken) is a dead end for the reader, so every relative link must resolve.
const documents = [
  "README.md",
  "SECURITY.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    const heading = !inFence && /^#{1,6} (.*)$/.exec(line);
    if (heading)
      anchors.add(
        heading[1]
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\- _]/gu, "")
          .replace(/ /g, "-"),
      );
  }
  return anchors;
}

function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/i.test(target));
}

describe("documentation links", () => {
  it.each(documents)("%s: every relative link reaches a file and heading that exist", (document) => {
    const broken: string[] = [];
    for (const target of relativeLinks(readFileSync(document, "utf8"))) {
      const [file, anchor] = target.split("#");
      const resolved = file ? path.join(path.dirname(document), file) : document;
      if (!existsSync(resolved)) broken.push(`${target} (no file)`);
      else if (anchor && resolved.endsWith(".md") && !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${target} (no heading)`);
    }
    expect(broken).toEqual([]);
  });

  it("the README stays a front door (at most ~250 lines; the reference lives in docs/)", () => {
    expect(readFileSync("README.md", "utf8").split("\n").length).toBeLessThanOrEqual(260);
  });
});
