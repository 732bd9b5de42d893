import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";
import { getEnv } from "../../env";
import { log } from "../../log";
import { languageName } from "./analysis-language";
import { composeAnalysis, countObjects, overallConfidence, overallSafetyScore } from "./compose-analysis";
import type { ImageTextFindings, ImageTextRequest, ImageTextResponse } from "./schema";

/**
 * The seed contract's summary fields of an image-text answer: `analysis` (by the template, or by the
 * configured language model when asked for and available), `confidence` and `safety_score`.
 */

type Summary = Pick<ImageTextResponse, "analysis" | "analysis_details" | "confidence" | "safety_score">;

/** A language model that does not answer in this time leaves the paragraph to the template. */
const LANGUAGE_MODEL_TIMEOUT_MS = 20_000;

export async function summarizeFindings(
  findings: ImageTextFindings,
  request: Pick<ImageTextRequest, "text" | "language" | "analysis_writer">,
): Promise<Summary> {
  const language = request.language ?? "en";
  const figures = { confidence: overallConfidence(findings), safety_score: overallSafetyScore(findings) };
  const composed = composeAnalysis(findings, language);
  const fromTemplate = (extraNote?: string): Summary => ({
    analysis: composed.text,
    analysis_details: {
      written_by: "template",
      language: composed.language,
      ...(composed.note || extraNote ? { note: [extraNote, composed.note].filter(Boolean).join(" ") } : {}),
    },
    ...figures,
  });
  if (request.analysis_writer !== "language_model") return fromTemplate();

  const env = getEnv();
  // The assistant's endpoint (lib/assistant/assistant-config.ts), read from the environment here:
  // the analysis layer sits below the assistant and must not import it.
  if (!env.ASSISTANT_BASE_URL || !env.ASSISTANT_MODEL) {
    return fromTemplate("No language model is configured on this instance (ASSISTANT_BASE_URL, ASSISTANT_MODEL), so the template wrote the paragraph.");
  }
  try {
    const provider = createOpenAICompatible({ name: "analysis-writer", baseURL: env.ASSISTANT_BASE_URL, apiKey: env.ASSISTANT_API_KEY });
    const result = streamText({
      model: provider.chatModel(env.ASSISTANT_MODEL),
      system: `You write one plain-language paragraph (at most 120 words) in ${languageName(language) ?? "English"} that describes what image-analysis models found in a picture and whether a caption is supported. Use only the findings given as JSON; do not add anything that is not in them. Give confidences as percentages.`,
      prompt: JSON.stringify(findingsForWriter(findings, request.text)),
      abortSignal: AbortSignal.timeout(LANGUAGE_MODEL_TIMEOUT_MS),
      maxRetries: 0,
      // The failure is logged below, once, with the fallback it caused.
      onError: () => {},
    });
    const text = (await result.text).trim();
    if (!text) throw new Error("the language model answered with no text");
    return { analysis: text, analysis_details: { written_by: "language_model", model: env.ASSISTANT_MODEL, language }, ...figures };
  } catch (error) {
    log.warn({ err: error }, "the language model did not write the analysis; the template wrote it");
    return fromTemplate(`The language model ${env.ASSISTANT_MODEL} did not answer (${(error as Error).name}), so the template wrote the paragraph.`);
  }
}

/** The findings the language model is given: the same ones the template uses, compact. */
export function findingsForWriter(findings: ImageTextFindings, caption: string) {
  return {
    labels: findings.labels?.available ? findings.labels.top.slice(0, 3).map((l) => ({ label: l.label, probability: l.probability })) : undefined,
    objects: findings.objects?.available ? countObjects(findings.objects.items) : undefined,
    text_in_image: findings.text_in_image?.available ? findings.text_in_image.full_text.slice(0, 500) : undefined,
    caption: findings.relation
      ? {
          text: caption,
          verdict: findings.relation.verdict,
          score: findings.relation.score,
          explanation: findings.relation.explanation,
          terms: findings.relation.terms.map((t) => ({ term: t.surface, status: t.status, evidence: t.evidence?.text })),
        }
      : undefined,
    safety: findings.safety?.available
      ? { verdict: findings.safety.verdict, safety_score: findings.safety.safety_score, categories: findings.safety.categories }
      : undefined,
  };
}
