import { describe, expect, it } from "vitest";
import { replaceReadmeSection } from "./write-readme-section";

describe("a figures block between markers", () => {
  it("replaces only what lies between the markers, and refuses a README without them", () => {
    const readme = "intro\n<!-- bench:load:start -->\nold table\n<!-- bench:load:end -->\noutro\n";
    const updated = replaceReadmeSection(readme, "bench:load", "| new |\n");
    expect(updated).toBe("intro\n<!-- bench:load:start -->\n| new |\n<!-- bench:load:end -->\noutro\n");
    expect(replaceReadmeSection(updated, "bench:load", "| newer |")).toContain("| newer |\n<!-- bench:load:end -->");
    expect(() => replaceReadmeSection("no markers", "bench:load", "x")).toThrow(/bench:load:start/);
  });
});
