import "server-only";
import { TypeValidationError, validateUIMessages } from "ai";
import type { z } from "zod";
import { getEnv } from "../env";
import { InvalidArgumentError } from "../domain-errors";
import { assistantLanguageModel } from "./assistant-config";
import { createAssistantTools, type AssistantMessage } from "./assistant-tools";
import { collectAttachments } from "./attachments";
import type { assistantChatRequestSchema } from "./schemas";
import { streamAssistantReply } from "./stream-assistant-reply";
import type { ToolContext } from "./tool-context";

/**
 * POST /api/v1/assistant/chat behind the API wrapper (which has already authenticated the caller,
 * counted one unit and read the body): the configured model or a 503 saying how to enable one, the
 * conversation validated against the tools' schemas, the attachments decoded, then the streamed turn.
 */
export async function runAssistantTurn({
  body,
  context,
  model = assistantLanguageModel(),
}: {
  body: z.output<typeof assistantChatRequestSchema>;
  /** The request's side of the tools' context (the route passes its ApiContext, which has all of it). */
  context: Omit<ToolContext, "attachments">;
  /** The endpoint's model, or (in tests) the AI SDK's mock model. */
  model?: ReturnType<typeof assistantLanguageModel>;
}): Promise<Response> {
  const toolContext: ToolContext = {
    requestId: context.requestId,
    principal: context.principal,
    db: context.db,
    chargeRateLimit: (units) => context.chargeRateLimit(units),
    models: context.models,
    attachments: new Map(),
  };
  let messages: AssistantMessage[];
  try {
    messages = await validateUIMessages<AssistantMessage>({ messages: body.messages, tools: createAssistantTools(toolContext) });
  } catch (error) {
    if (!TypeValidationError.isInstance(error) && !(error instanceof Error)) throw error;
    throw new InvalidArgumentError(`messages are not valid AI SDK UI messages: ${error.message.slice(0, 500)}`, {
      field: "messages",
      message: "invalid UI message",
    });
  }
  toolContext.attachments = collectAttachments(messages);
  return streamAssistantReply({ model, messages, context: toolContext, maxSteps: getEnv().ASSISTANT_MAX_STEPS });
}
