import { z } from "zod";

/**
 * POST /api/v1/assistant/chat and GET /api/v1/assistant. The chat body is what the AI SDK's `useChat`
 * sends (its own protocol, hence `messageId` in camelCase): the conversation as UI messages, files
 * as data-URL file parts. The parts are checked here for shape and size, then in full against the
 * tools' schemas by the SDK's `validateUIMessages`.
 */

export const MAX_MESSAGES = 100;

const partSchema = z.looseObject({ type: z.string().min(1).max(100) });

export const uiMessageSchema = z.looseObject({
  id: z.string().max(200),
  role: z.enum(["system", "user", "assistant"]),
  parts: z.array(partSchema).max(200),
});

export const assistantChatRequestSchema = z.looseObject({
  id: z.string().max(200).optional().describe("The conversation's id (chosen by the client)"),
  messages: z.array(uiMessageSchema).min(1).max(MAX_MESSAGES).describe("The whole conversation, oldest first, as AI SDK UI messages"),
  trigger: z.enum(["submit-message", "regenerate-message"]).optional(),
  messageId: z.string().max(200).optional(),
});

export const assistantStatusSchema = z.discriminatedUnion("available", [
  z.object({ available: z.literal(true), model: z.string(), tools: z.array(z.string()) }),
  z.object({ available: z.literal(false), reason: z.string(), how_to_enable: z.string(), tools: z.array(z.string()) }),
]);

/** The tool names, for the status answer and the docs (kept in step with assistant-tools.ts by a test). */
export const ASSISTANT_TOOL_NAMES = [
  "analyze_image",
  "compare_variants",
  "read_document",
  "identify_language",
  "check_safety",
  "start_batch",
  "read_history",
] as const;
