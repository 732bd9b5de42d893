import { describe, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { EnvError, parseEnv } from "../env";
import { createAssistantTools } from "./assistant-tools";
import { ASSISTANT_TOOL_NAMES } from "./schemas";

describe("assistant configuration", () => {
  it("refuses an endpoint without a model name at start-up, naming the variable", () => {
    expect(() => parseEnv({ ASSISTANT_BASE_URL: "http://127.0.0.1:11434/v1" })).toThrow(EnvError);
    expect(() => parseEnv({ ASSISTANT_BASE_URL: "http://127.0.0.1:11434/v1" })).toThrow(/ASSISTANT_MODEL: is required when ASSISTANT_BASE_URL is set/);
    expect(() => parseEnv({ EMBEDDING_PROVIDER_URL: "http://127.0.0.1:8080/v1" })).toThrow(/EMBEDDING_MODEL/);
    expect(() => parseEnv({ ASSISTANT_BASE_URL: "ftp://x", ASSISTANT_MODEL: "m" })).toThrow(/ASSISTANT_BASE_URL/);
    expect(parseEnv({ ASSISTANT_BASE_URL: "http://127.0.0.1:11434/v1/", ASSISTANT_MODEL: "qwen" }).ASSISTANT_BASE_URL).toBe("http://127.0.0.1:11434/v1");
  });

  it("documents exactly the tools the model is given", () => {
    const principal: Principal = { kind: "anonymous", clientAddress: "127.0.0.1", scopes: [] };
    const tools = createAssistantTools({ requestId: "t", principal, db: undefined, models: [], attachments: new Map(), chargeRateLimit: async () => {} });
    expect(Object.keys(tools).sort()).toEqual([...ASSISTANT_TOOL_NAMES].sort());
  });
});
