import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { settleAfterResponseWork } from "@/lib/after-response";
import { expectProblem } from "@/test/api-requests";
import { readUiChunks, userMessage } from "@/test/assistant-turns";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { everydayPages, renderPage } from "@/test/rendered-pages";
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from "@/test/scripted-openai-server";
import { GET as historyEntry } from "../../history/[id]/route";
import { GET as ownHistory } from "../../history/route";
import { GET as ownUsage } from "../../usage/route";
import { GET as status } from "../route";
import { POST as chat } from "./route";

// The whole path over HTTP: the route, the AI SDK's OpenAI-compatible client, a scripted endpoint on
// loopback standing in for the remote model, and the real tools and pipelines.

const SCRIPTED_PORT = 3483;
const API_KEY = "sk-scripted-secret-0123456789";

const post = (headers: Record<string, string>, body: unknown) =>
  chat(
    new Request("http://localhost/api/v1/assistant/chat", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", ...headers },
      body: JSON.stringify(body),
    }),
  );

function configure(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

describe("POST /api/v1/assistant/chat", () => {
  let endpoint: ScriptedOpenAiServer;
  beforeAll(async () => {
    endpoint = await startScriptedOpenAiServer(SCRIPTED_PORT);
  });
  afterAll(async () => {
    configure({ ASSISTANT_BASE_URL: undefined, ASSISTANT_MODEL: undefined, ASSISTANT_API_KEY: undefined });
    await endpoint.close();
  });

  it("answers 503 with how to enable it when no model is configured, and says so at GET /api/v1/assistant", async () => {
    configure({ ASSISTANT_BASE_URL: undefined, ASSISTANT_MODEL: undefined });
    const guest = { cookie: await sessionCookieFor((await createTestUser({ role: "guest" })).id) };
    const problem = await expectProblem(await post(guest, { messages: [userMessage("m1", "Hello")] }), 503, { detail: /ASSISTANT_BASE_URL/ });
    expect(problem).toMatchObject({ available: false, how_to_enable: expect.stringContaining("ASSISTANT_MODEL") });
    const answer = await (await status(new Request("http://localhost/api/v1/assistant"))).json();
    expect(answer).toMatchObject({ available: false, how_to_enable: expect.stringContaining("ASSISTANT_BASE_URL") });
    expect(answer.tools).toContain("read_document");
  });

  it("needs a caller: anonymous 401, a key without the analyze scope 403", async () => {
    configure({ ASSISTANT_BASE_URL: endpoint.baseUrl, ASSISTANT_MODEL: "scripted", ASSISTANT_API_KEY: API_KEY });
    await expectProblem(await post({}, { messages: [userMessage("m1", "Hello")] }), 401);
    const safetyOnly = await createTestKey({ role: "user", scopes: ["safety"] });
    await expectProblem(await post({ authorization: safetyOnly.authorization }, { messages: [userMessage("m1", "Hello")] }), 403);
  });

  it("runs the endpoint's tool call through the real OCR, streams it, and counts the call and the tool in the caller's usage", async () => {
    configure({ ASSISTANT_BASE_URL: endpoint.baseUrl, ASSISTANT_MODEL: "scripted", ASSISTANT_API_KEY: API_KEY });
    const caller = await createTestKey({ role: "user" });
    const page = await renderPage(everydayPages.receipt);
    const response = await post(
      { authorization: caller.authorization },
      { messages: [userMessage("m1", "Please read_document this", [{ name: "receipt.png", bytes: page }])] },
    );
    expect(response.status).toBe(200);
    // One unit for the call and one for the tool: the RateLimit header was written after the first.
    expect(response.headers.get("ratelimit")).toMatch(/"minute";r=\d+/);
    const body = await response.clone().text();
    const chunks = await readUiChunks(response);
    const output = chunks.find((c) => c.type === "tool-output-available")?.output as {
      ok: boolean;
      result: { full_text: string; key_fields: { total: { value: string } } };
    };
    expect(output.ok).toBe(true);
    expect(output.result.full_text).toMatch(/MUSTERMARKT/);
    expect(output.result.key_fields.total.value).toBe("10.67");
    expect(chunks.some((c) => c.type === "text-delta" && String(c.delta).startsWith("The tool answered"))).toBe(true);
    // The key went to the endpoint, and nowhere else.
    expect(endpoint.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(body).not.toContain(API_KEY);
    // The tool call counted one unit more: the next call finds two fewer left (its own and the tool's). Read from
    // the day's window: the minute's fixed window can turn over between the two calls on a slow machine.
    const remaining = (r: Response) => Number(/"day";r=(\d+)/.exec(r.headers.get("ratelimit") ?? "")?.[1]);
    const next = await post({ authorization: caller.authorization }, { messages: [userMessage("m2", "Thanks!")] });
    await next.text();
    expect(remaining(next)).toBe(remaining(response) - 2);
    await settleAfterResponseWork();
    const usage = await (await ownUsage(new Request("http://localhost/api/v1/usage?days=1", { headers: { authorization: caller.authorization } }))).json();
    expect(usage.by_route).toEqual([expect.objectContaining({ route: "POST /api/v1/assistant/chat", requests: 2 })]);
    // The page the tool read is in the caller's history, as the same analysis through the API would be.
    const history = await (await ownHistory(new Request("http://localhost/api/v1/history", { headers: { authorization: caller.authorization } }))).json();
    expect(history.analyses).toEqual([expect.objectContaining({ kind: "document", title: "Assistant: receipt.png", has_image: false })]);
    const entryResponse = await historyEntry(
      new Request(`http://localhost/api/v1/history/${history.analyses[0].id}`, { headers: { authorization: caller.authorization } }),
      {
        params: Promise.resolve({ id: history.analyses[0].id }),
      },
    );
    const entry = await entryResponse.json();
    expect(entry.request).toMatchObject({ via: "assistant", tool: "read_document", attachment_id: "a1" });
    expect(entry.result.key_fields.total.value).toBe("10.67");
    expect(entry.result.assistant_screening).toMatchObject({ injection_flagged: false });
  });

  it("answers malformed conversations with 400 problems, not a stream", async () => {
    configure({ ASSISTANT_BASE_URL: endpoint.baseUrl, ASSISTANT_MODEL: "scripted" });
    const caller = await createTestKey({ role: "user" });
    await expectProblem(await post({ authorization: caller.authorization }, { messages: [] }), 400);
    await expectProblem(await post({ authorization: caller.authorization }, { messages: [{ id: "m1", role: "user", parts: [{ type: "text" }] }] }), 400);
    const badFile = {
      id: "m1",
      role: "user",
      parts: [
        { type: "file", mediaType: "image/png", url: "data:image/png;base64,@@@" },
        { type: "text", text: "read_document" },
      ],
    };
    await expectProblem(await post({ authorization: caller.authorization }, { messages: [badFile] }), 400);
  });
});
