import { readFileSync, writeFileSync } from "node:fs";
import { documentWithMarker } from "../scripts/write-readme-section";

/**
 * The hardening suite's counts (docs/testing.md), between `<!-- hardening-counts:start -->` and
 * `<!-- hardening-counts:end -->`: one line per suite (bad-input corpus, security, soak), each
 * rewritten by its own run, so the block always shows what the last run of each measured.
 */

const START = "<!-- hardening-counts:start -->";
const END = "<!-- hardening-counts:end -->";

export function writeReadmeCount(suite: string, line: string, readmePath = documentWithMarker(START)): void {
  const readme = readFileSync(readmePath, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath} has no ${START} … ${END} block`);
  const lines = readme
    .slice(start + START.length, end)
    .split("\n")
    .filter((l) => l.startsWith("- **"));
  const entry = `- **${suite}**: ${line}`;
  const at = lines.findIndex((l) => l.startsWith(`- **${suite}**`));
  if (at >= 0) lines[at] = entry;
  else lines.push(entry);
  lines.sort();
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${lines.join("\n")}\n${readme.slice(end)}`);
}
