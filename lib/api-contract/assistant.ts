import { assistantChatRequestSchema, assistantStatusSchema } from "../assistant/schemas";
import { getEnv } from "../env";
import { defineOperation } from "../http/operation";

/** The assistant: a chat whose model calls this app's own pipelines as tools. */

export const getAssistantStatus = defineOperation({
  operationId: "getAssistantStatus",
  method: "GET",
  path: "/api/v1/assistant",
  tag: "Assistant",
  summary: "Whether the assistant has a language model on this instance, which one (or how to enable it), and its tools",
  auth: "public",
  scope: null,
  responses: {
    200: {
      description: "The assistant's availability",
      schema: assistantStatusSchema,
      example: {
        available: false,
        reason: "No language model is configured for the assistant on this instance.",
        how_to_enable: "Set ASSISTANT_BASE_URL to an OpenAI-compatible endpoint …",
        tools: ["analyze_image", "read_document"],
      },
    },
  },
});

export const assistantChat = defineOperation({
  operationId: "assistantChat",
  method: "POST",
  path: "/api/v1/assistant/chat",
  tag: "Assistant",
  summary: "One assistant turn: the conversation in, the model's answer with its tool calls and their results streamed out",
  description:
    "The body is what the AI SDK's `useChat` sends: `messages` as UI messages (text parts, files as data-URL file parts). The answer is an AI SDK UI message stream (server-sent events): text, each tool call with its input and result, and `data-input-check` (the safety check of the user's message). Every tool result is screened for indirect prompt injection; a flagged one carries `warning`. Counts one rate-limit unit, plus one per tool call (a batch: one per item). 503 with `how_to_enable` when no language model is configured.",
  auth: "key",
  scope: "analyze",
  body: {
    schema: assistantChatRequestSchema,
    // Attachments travel as base64 data URLs in the conversation: the body may be a third larger than the files.
    maxBytes: () => Math.ceil(getEnv().MAX_BODY_BYTES * 1.4),
    multipart: false,
    example: {
      id: "chat-1",
      messages: [
        {
          id: "m1",
          role: "user",
          parts: [
            { type: "file", mediaType: "image/png", filename: "receipt.png", url: "data:image/png;base64,iVBORw0KGgo…" },
            { type: "text", text: "What is the total on this receipt?" },
          ],
        },
      ],
      trigger: "submit-message",
    },
  },
  responses: { 200: { description: "The answer as an AI SDK UI message stream (server-sent events)", contentType: "text/event-stream" } },
});

export const assistantOperations = [getAssistantStatus, assistantChat];
