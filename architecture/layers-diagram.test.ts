import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { layers } from "./layers.mjs";
import { layersDiagram, readmePath, withLayersDiagram } from "./layers-diagram.mjs";

describe("the layers diagram in README.md", () => {
  it("is the one drawn from architecture/layers.mjs (npm run layers:diagram rewrites it)", () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(readme, "README.md's layers block is stale: run `npm run layers:diagram`").toBe(withLayersDiagram(readme));
  });

  it("names every layer once, top first, each pointing at the one below", () => {
    const diagram = layersDiagram();
    const names = layers.map((layer) => layer.name);
    for (const name of names) expect(diagram).toContain(`  ${name}["<b>${name}</b>`);
    expect(diagram).toContain(`${names.at(-1)} --> ${names.at(-2)}`);
    expect(diagram).not.toContain(`${names[0]} -->`);
  });

  it("changes when the list changes, so a stale block cannot pass", () => {
    const renamed = layers.map((layer, i) => (i === 0 ? { ...layer, paths: [...layer.paths, "lib/new-folder"] } : layer));
    expect(layersDiagram(renamed)).not.toBe(layersDiagram());
    expect(layersDiagram(renamed)).toContain("new-folder");
  });
});
