import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { getEnv } from "../env";
import { FeatureUnavailableError } from "../domain-errors";

/**
 * Which language model the assistant talks to: any OpenAI-compatible chat endpoint named by
 * ASSISTANT_BASE_URL and ASSISTANT_MODEL (a hosted API, Ollama, vLLM, llama.cpp's server). None is
 * built in, so without one the assistant says it is unavailable and how to enable it - it never
 * answers with anything a model did not write. The key (ASSISTANT_API_KEY) goes to the endpoint only.
 */

export const HOW_TO_ENABLE =
  "Set ASSISTANT_BASE_URL to an OpenAI-compatible endpoint that supports tool calls (for example http://127.0.0.1:11434/v1 for Ollama, or a hosted API's …/v1), ASSISTANT_MODEL to the model's name (for example qwen2.5:7b-instruct), and ASSISTANT_API_KEY when the endpoint needs one; then restart the app.";

export type AssistantStatus = { available: true; model: string } | { available: false; reason: string; how_to_enable: string };

export function assistantStatus(): AssistantStatus {
  const env = getEnv();
  if (!env.ASSISTANT_BASE_URL || !env.ASSISTANT_MODEL) {
    return { available: false, reason: "No language model is configured for the assistant on this instance.", how_to_enable: HOW_TO_ENABLE };
  }
  return { available: true, model: env.ASSISTANT_MODEL };
}

let cached: { key: string; model: LanguageModelV3 } | undefined;

/** The configured chat model; a 503 problem saying how to enable it when there is none. */
export function assistantLanguageModel(): LanguageModelV3 {
  const env = getEnv();
  const status = assistantStatus();
  if (!status.available || !env.ASSISTANT_BASE_URL) {
    throw new FeatureUnavailableError(`${status.available ? "" : status.reason} ${HOW_TO_ENABLE}`.trim(), {
      retryAfterSeconds: 3600,
      details: { available: false, how_to_enable: HOW_TO_ENABLE },
    });
  }
  const key = `${env.ASSISTANT_BASE_URL}|${status.model}|${env.ASSISTANT_API_KEY ?? ""}`;
  if (cached?.key !== key) {
    const provider = createOpenAICompatible({ name: "assistant", baseURL: env.ASSISTANT_BASE_URL, apiKey: env.ASSISTANT_API_KEY });
    cached = { key, model: provider.chatModel(status.model) };
  }
  return cached.model;
}
