import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV3, simulateReadableStream } from "ai/test";

/**
 * The assistant's tests stand in for the remote language model (none can be reached here) with the
 * AI SDK's own mock model, scripted: its first step calls the given tools, and once it has tool
 * results it answers with a sentence quoting the first result it read. Everything else - the tools,
 * the pipelines and their models, the safety screening, the stream - is the real thing.
 */

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

export function scriptedMockModel(calls: { toolName: string; input: unknown }[]): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    modelId: "scripted-mock",
    doStream: async ({ prompt }: LanguageModelV3CallOptions) => {
      const toolResults = prompt.filter((m) => m.role === "tool");
      const chunks: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
      if (toolResults.length === 0) {
        calls.forEach((call, i) => chunks.push({ type: "tool-call", toolCallId: `call-${i + 1}`, toolName: call.toolName, input: JSON.stringify(call.input) }));
        chunks.push({ type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage });
      } else {
        const first = JSON.stringify(toolResults[0].content[0]).slice(0, 200);
        chunks.push(
          { type: "text-start", id: "t1" },
          { type: "text-delta", id: "t1", delta: `I read the tool result: ${first}` },
          { type: "text-end", id: "t1" },
          { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
        );
      }
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
}

/** The chunks of an AI SDK UI message stream (server-sent events), parsed. */
export async function readUiChunks(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

export const dataUrl = (bytes: Buffer, mediaType = "image/png") => `data:${mediaType};base64,${bytes.toString("base64")}`;

/** A user message as useChat sends it: files first, then the text. */
export function userMessage(id: string, text: string, files: { name: string; bytes: Buffer }[] = []) {
  return {
    id,
    role: "user" as const,
    parts: [...files.map((f) => ({ type: "file" as const, mediaType: "image/png", filename: f.name, url: dataUrl(f.bytes) })), { type: "text" as const, text }],
  };
}
