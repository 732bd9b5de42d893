import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readUiChunks, scriptedMockModel, userMessage } from "@/test/assistant-turns";
import type { Principal } from "../auth/principal";
import { getEnv } from "../env";
import { runAssistantTurn } from "./run-assistant-turn";

// The mock model asks the real classifier and detector about real photos of ../shared/eval/images.
const evalDir = getEnv().evalDataDir;
const principal: Principal = {
  kind: "session",
  clientAddress: "127.0.0.1",
  user: { id: "00000000-0000-4000-8000-000000000002", role: "guest", plan: "guest", email: null },
  scopes: ["analyze", "safety"],
};

describe.skipIf(!evalDir)("the assistant's analyze_image tool on the eval photos", () => {
  it("streams the classifier's espresso and the detector's cup for the coffee photo", async () => {
    const photo = readFileSync(path.join(evalDir!, "images", "photos", "skimage_coffee.png"));
    const models: string[] = [];
    const response = await runAssistantTurn({
      body: { messages: [userMessage("m1", "What is in this picture?", [{ name: "coffee.png", bytes: photo }])] },
      model: scriptedMockModel([{ toolName: "analyze_image", input: { attachment_id: "a1", top_k: 3 } }]),
      context: { requestId: "eval", principal, db: undefined, models, chargeRateLimit: async () => {} },
    });
    const chunks = await readUiChunks(response);
    const output = chunks.find((c) => c.type === "tool-output-available")?.output as {
      ok: boolean;
      result: { labels: { label: string }[]; objects: { label: string }[] };
    };
    expect(output.ok).toBe(true);
    expect(output.result.labels).toHaveLength(3);
    expect(output.result.labels[0].label).toBe("espresso");
    expect(output.result.objects.map((o) => o.label)).toContain("cup");
    expect(models).toEqual(expect.arrayContaining(["mobilenetv2-int8", "yolox-nano"]));
  });
});
