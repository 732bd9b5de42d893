import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The text with what lies between `<!-- name:start -->` and `<!-- name:end -->` replaced by `content`. */
export function replaceReadmeSection(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) throw new Error(`no ${start} ... ${end} markers`);
  return `${readme.slice(0, readme.indexOf(start) + start.length)}\n${content.trim()}\n${readme.slice(readme.indexOf(end))}`;
}

/**
 * The one documentation file (README.md or docs/*.md, from `root`) that holds `marker`. The README is the front
 * door and the figures live in the docs file of their subsystem: scripts name the block, not the file, so a block
 * can move between files without touching the script that writes it.
 */
export function documentWithMarker(marker: string, root = process.cwd()): string {
  const docsDir = path.join(root, "docs");
  const candidates = [
    path.join(root, "README.md"),
    ...readdirSync(docsDir)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => path.join(docsDir, f)),
  ];
  const holders = candidates.filter((file) => readFileSync(file, "utf8").includes(marker));
  if (holders.length !== 1) throw new Error(`${marker} must be in exactly one of README.md and docs/*.md; found in ${holders.length}`);
  return holders[0];
}

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in the document holding them (tables
 * printed by scripts), then formats the file as `npm run lint` checks Markdown (Biome pads table columns), so a
 * benchmark's write never leaves the lint red.
 */
export function writeReadmeSection(name: string, content: string): void {
  const file = documentWithMarker(`<!-- ${name}:start -->`);
  writeFileSync(file, replaceReadmeSection(readFileSync(file, "utf8"), name, content));
  const biome = path.join(process.cwd(), "node_modules", ".bin", "biome");
  if (existsSync(biome)) execFileSync(biome, ["format", "--write", file], { stdio: "ignore" });
}
