import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { layers } from "./layers.mjs";

/**
 * The layers as a mermaid diagram, drawn from the same list dependency-cruiser checks
 * (architecture/layers.mjs), top layer first; an arrow reads "may import". README.md holds it
 * between the layer markers; `npm run layers:diagram` rewrites it and a unit test fails when stale.
 */

export const BEGIN = "<!-- layers:begin -->";
export const END = "<!-- layers:end -->";

const shortName = (p) => p.replace(/^lib\//, "").replace(/\.(ts|mjs)$/, "");

export function layersDiagram(list = layers) {
  const top = [...list].reverse();
  const lines = ["```mermaid", "flowchart TB"];
  for (const layer of top) {
    const folders = layer.paths.filter((p) => !p.endsWith(".test.ts")).map(shortName);
    lines.push(`  ${layer.name}["<b>${layer.name}</b><br/>${folders.join(" · ")}"]`);
  }
  for (let i = 0; i < top.length - 1; i++) lines.push(`  ${top[i].name} --> ${top[i + 1].name}`);
  lines.push("```");
  return lines.join("\n");
}

/** `readme` with the block between the markers replaced by the diagram. */
export function withLayersDiagram(readme) {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md needs the markers ${BEGIN} and ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${layersDiagram()}\n${readme.slice(end)}`;
}

export const readmePath = path.join(import.meta.dirname, "..", "README.md");

// `node architecture/layers-diagram.mjs`: rewrites README.md's block.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(readmePath, withLayersDiagram(readFileSync(readmePath, "utf8")));
}
