import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// CI runs .ci/run; the brief is that it runs exactly the README's test command. Keep them one.
describe("README commands", () => {
  const readme = readFileSync("README.md", "utf8");
  const ciScript = readFileSync(".ci/run", "utf8");

  it("CI runs the README's test command verbatim", () => {
    const ciCommand = ciScript.split("\n").find((line) => line.includes("npm test"));
    expect(ciCommand).toBeDefined();
    expect(readme).toContain(`\`\`\`bash\n${ciCommand}\n\`\`\``);
  });

  it("CI runs the soak after the test command, on the build it made", () => {
    const lines = ciScript.split("\n");
    const testLine = lines.findIndex((line) => line.includes("npm test"));
    expect(lines.findIndex((line) => line.trim() === "npm run soak")).toBeGreaterThan(testLine);
  });

  it("the README's start command builds and starts on embedded defaults", () => {
    expect(readme).toContain("```bash\nONNXRUNTIME_NODE_INSTALL=skip npm ci && npm run build && npm start\n```");
  });
});
