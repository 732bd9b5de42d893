import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

/**
 * A stand-in for a remote OpenAI-compatible chat endpoint (none can be reached here), for tests of the
 * whole path: the app's real provider client, route, tools and pipelines talk to it over HTTP on
 * loopback. Its "model" is a script, not a language model: on a user message it calls the tool the
 * message names (`read_document`, `analyze_image`, …) on the newest attachment; once it has a tool
 * result it answers quoting the start of that result. It records every request it receives.
 */

interface ChatMessage {
  role: string;
  content?: string | { type: string; text?: string }[] | null;
}

export interface ScriptedOpenAiServer {
  baseUrl: string;
  requests: { headers: IncomingHttpHeaders; body: { model: string; messages: ChatMessage[]; tools?: unknown[] } }[];
  close(): Promise<void>;
}

const TOOL_NAMES = ["read_document", "analyze_image", "identify_language", "check_safety", "read_history", "compare_variants", "start_batch"];

const textOf = (message: ChatMessage | undefined) =>
  typeof message?.content === "string" ? message.content : (message?.content ?? []).map((part) => part.text ?? "").join("\n");

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  const body = {
    id: "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: 0,
    model: "scripted",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function reply(messages: ChatMessage[]): string[] {
  const last = messages.at(-1);
  if (last?.role === "tool") return [chunk({ role: "assistant", content: `The tool answered: ${textOf(last).slice(0, 300)}` }), chunk({}, "stop")];
  const said = textOf(last);
  const toolName = TOOL_NAMES.find((name) => said.includes(name));
  if (!toolName) return [chunk({ role: "assistant", content: "Scripted reply: name a tool to call." }), chunk({}, "stop")];
  const attachments = messages.flatMap((m) => [...textOf(m).matchAll(/\[attachment (a\d+)/g)].map((match) => match[1]));
  const input = toolName === "identify_language" ? { text: said } : { attachment_id: attachments.at(-1) ?? "a1" };
  return [
    chunk({
      role: "assistant",
      content: null,
      tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: toolName, arguments: JSON.stringify(input) } }],
    }),
    chunk({}, "tool_calls"),
  ];
}

export async function startScriptedOpenAiServer(port: number): Promise<ScriptedOpenAiServer> {
  const requests: ScriptedOpenAiServer["requests"] = [];
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (data) => (raw += data));
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      const body = JSON.parse(raw);
      requests.push({ headers: request.headers, body });
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const line of reply(body.messages)) response.write(line);
      response.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
