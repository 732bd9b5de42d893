import { readFileSync, writeFileSync } from "node:fs";

/** The text with what lies between `<!-- name:start -->` and `<!-- name:end -->` replaced by `content`. */
export function replaceReadmeSection(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) throw new Error(`README.md has no ${start} ... ${end} markers`);
  return `${readme.slice(0, readme.indexOf(start) + start.length)}\n${content.trim()}\n${readme.slice(readme.indexOf(end))}`;
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in README.md (tables printed by scripts). */
export function writeReadmeSection(name: string, content: string): void {
  writeFileSync("README.md", replaceReadmeSection(readFileSync("README.md", "utf8"), name, content));
}
