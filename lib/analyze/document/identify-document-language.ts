import "server-only";
import { identifyLanguage } from "../../language/identify-language";
import { identifySegments } from "../../language/identify-segments";
import type { DocumentResponse } from "./schemas";

type DocumentLanguage = DocumentResponse["language"];

/** The language of the page's text and of its segments (a page may mix languages), with the caller's hint beside it. */
export async function identifyDocumentLanguage(fullText: string, hint: string | undefined): Promise<DocumentLanguage> {
  if (fullText.trim() === "") return { available: false, reason: "No text was found on the page, so there is no language to identify.", hint: hint ?? null };
  try {
    const [whole, segments] = await Promise.all([identifyLanguage(fullText), identifySegments(fullText)]);
    return {
      available: true,
      language: whole.language,
      name: whole.name,
      confidence: whole.confidence,
      reliable: whole.reliable,
      ...(whole.detail ? { detail: whole.detail } : {}),
      segments: segments.map((s) => ({ language: s.language, name: s.name, start: s.start, end: s.end, confidence: s.confidence, reliable: s.reliable })),
      hint: hint ?? null,
    };
  } catch (error) {
    return { available: false, reason: `Language identification failed: ${error instanceof Error ? error.message : String(error)}`, hint: hint ?? null };
  }
}
