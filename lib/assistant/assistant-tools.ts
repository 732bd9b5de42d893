import "server-only";
import type { InferUITools, UIMessage } from "ai";
import type { ToolContext } from "./tool-context";
import { accountTools } from "./tools/account-tools";
import { textTools } from "./tools/text-tools";
import { visionTools } from "./tools/vision-tools";

/** Every tool the assistant's model may call: each runs one of this app's own pipelines. */
export function createAssistantTools(context: ToolContext) {
  return { ...visionTools(context), ...textTools(context), ...accountTools(context) };
}

export type AssistantTools = ReturnType<typeof createAssistantTools>;

/** The safety check of the user's own message, sent to the page as a data part before the answer. */
export interface InputCheck {
  verdict: "safe" | "unsafe" | "degraded";
  safety_score: number;
  categories: string[];
  /** The user's message reads as a prompt injection or jailbreak: the model was told so. */
  injection_flagged: boolean;
}

export type AssistantMessage = UIMessage<never, { "input-check": InputCheck }, InferUITools<AssistantTools>>;
