import { readFileSync, writeFileSync } from "node:fs";

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in README.md (tables printed by scripts). */
export function writeReadmeSection(name: string, content: string): void {
  const readme = readFileSync("README.md", "utf8");
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) throw new Error(`README.md has no ${start} ... ${end} markers`);
  writeFileSync("README.md", `${readme.slice(0, readme.indexOf(start) + start.length)}\n${content.trim()}\n${readme.slice(readme.indexOf(end))}`);
}
