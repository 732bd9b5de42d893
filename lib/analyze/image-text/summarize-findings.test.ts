import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from "@/test/scripted-openai-server";
import { composeAnalysis } from "./compose-analysis";
import { summarizeFindings } from "./summarize-findings";
import { sampleFindings } from "./testing/sample-findings";

// The language-model writer over HTTP: the AI SDK's OpenAI-compatible client talks to a scripted
// endpoint on loopback (a script, not a model: it answers a message that names no tool with a fixed line).

const SCRIPTED_PORT = 3717;
const API_KEY = "sk-scripted-writer-0123456789";
const caption = "Two cats and a horse";

function configure(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

describe("summarizeFindings", () => {
  let endpoint: ScriptedOpenAiServer;
  beforeAll(async () => {
    endpoint = await startScriptedOpenAiServer(SCRIPTED_PORT);
  });
  afterAll(async () => {
    configure({ ASSISTANT_BASE_URL: undefined, ASSISTANT_MODEL: undefined, ASSISTANT_API_KEY: undefined });
    await endpoint.close();
  });

  it("uses the template by default, with confidence and safety_score", async () => {
    configure({ ASSISTANT_BASE_URL: endpoint.baseUrl, ASSISTANT_MODEL: "scripted-writer" });
    const before = endpoint.requests.length;
    const summary = await summarizeFindings(sampleFindings, { text: caption, language: "de", analysis_writer: "template" });
    expect(summary).toEqual({
      analysis: composeAnalysis(sampleFindings, "de").text,
      analysis_details: { written_by: "template", language: "de" },
      confidence: 0.8067,
      safety_score: 0.97,
    });
    expect(endpoint.requests.length).toBe(before);
  });

  it("has the configured language model write it from the same findings when asked, marked as such", async () => {
    configure({ ASSISTANT_BASE_URL: endpoint.baseUrl, ASSISTANT_MODEL: "scripted-writer", ASSISTANT_API_KEY: API_KEY });
    const before = endpoint.requests.length;
    const summary = await summarizeFindings(sampleFindings, { text: caption, language: "fr", analysis_writer: "language_model" });
    expect(summary.analysis).toBe("Scripted reply: name a tool to call.");
    expect(summary.analysis_details).toEqual({ written_by: "language_model", model: "scripted-writer", language: "fr" });
    expect(summary.confidence).toBe(0.8067);
    const [request] = endpoint.requests.slice(before);
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body.model).toBe("scripted-writer");
    const [system, user] = request.body.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)));
    expect(system).toContain("in French");
    const given = JSON.parse(user);
    expect(given.labels[0]).toEqual({ label: "tabby cat", probability: 0.62 });
    expect(given.objects).toEqual([
      { label: "cat", count: 2, best: 0.9 },
      { label: "dog", count: 1, best: 0.5 },
    ]);
    expect(given.caption).toMatchObject({ text: caption, verdict: "partially_supported" });
  });

  it("falls back to the template, saying why, without a model or when it does not answer", async () => {
    configure({ ASSISTANT_BASE_URL: undefined, ASSISTANT_MODEL: undefined });
    const none = await summarizeFindings(sampleFindings, { text: caption, language: "ja", analysis_writer: "language_model" });
    expect(none.analysis_details.written_by).toBe("template");
    expect(none.analysis_details.note).toMatch(/^No language model is configured on this instance .* No template exists for Japanese \(ja\)/);

    configure({ ASSISTANT_BASE_URL: "http://127.0.0.1:3718/v1", ASSISTANT_MODEL: "unreachable" });
    const down = await summarizeFindings(sampleFindings, { text: caption, language: "en", analysis_writer: "language_model" });
    expect(down.analysis).toBe(composeAnalysis(sampleFindings, "en").text);
    expect(down.analysis_details).toMatchObject({ written_by: "template", language: "en" });
    expect(down.analysis_details.note).toMatch(/^The language model unreachable did not answer \(.+\), so the template wrote the paragraph\.$/);
  });
});
