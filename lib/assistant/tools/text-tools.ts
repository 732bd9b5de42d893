import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { analyzeDocument } from "../../analyze/document/analyze-document";
import { languageHintSchema, querySchema } from "../../analyze/document/schemas";
import { analyzeMultilingual } from "../../language/analyze-multilingual";
import { parseMultilingualRequest } from "../../language/parse-multilingual-request";
import { evaluateSafety } from "../../safety/evaluate-safety";
import { attachmentById } from "../attachments";
import { attachmentName, requireScope, runGuarded, type ToolContext } from "../tool-context";

/** Tools that read: a document page (OCR and key fields), the language of a text, a safety check. */

// The model reads the text, not a book: a long page is cut here, and says so.
const MAX_TEXT_FOR_MODEL = 6_000;
const cut = (text: string) => (text.length > MAX_TEXT_FOR_MODEL ? `${text.slice(0, MAX_TEXT_FOR_MODEL)}… [cut: ${text.length} characters in all]` : text);

export function textTools(context: ToolContext) {
  return {
    read_document: tool({
      description:
        "OCR an attached document page or photo of text (PP-OCRv4): full text in reading order, its language, key fields (merchant, date, total, IBAN, VAT id, invoice number…) and, with a query, the answer found on the page.",
      inputSchema: z.object({
        attachment_id: z.string().min(1).max(20).describe('The attachment to read ("a1")'),
        query: querySchema.optional().describe('A question about the page ("What is the total?")'),
        language: languageHintSchema.optional(),
      }),
      execute: ({ attachment_id, query, language }) =>
        runGuarded(
          context,
          "read_document",
          async () => {
            const attachment = attachmentById(context.attachments, attachment_id);
            const page = await analyzeDocument({ imageBytes: attachment.bytes, query, language, keep_image: false });
            context.models.push(page.models.detection.id, page.models.recognition.id);
            const field = (f: { kind: string; value: string; text: string } | null) => f && { kind: f.kind, value: f.value, text: f.text };
            return {
              attachment_id: attachment.id,
              full_text: cut(page.full_text),
              line_count: page.lines.length,
              // Every task runs here (none is named), so language and key fields are present.
              language: page.language?.available ? { language: page.language.language, name: page.language.name, reliable: page.language.reliable } : null,
              key_fields: page.key_fields
                ? {
                    merchant: field(page.key_fields.merchant),
                    date: field(page.key_fields.date),
                    total: field(page.key_fields.total),
                    fields: page.key_fields.fields.map(field),
                  }
                : null,
              answer: page.answer && { query: page.answer.query, text: page.answer.text, field: field(page.answer.field) },
              injection_in_page: page.injection && { flagged: page.injection.flagged, probability: page.injection.probability },
              warnings: page.warnings,
            };
          },
          () => ({ kind: "document", title: query ?? attachmentName(context, attachment_id), request: { attachment_id, query, language } }),
        ),
    }),

    identify_language: tool({
      description: "Identify the language of a text and of each of its segments (CLD3 + fastText), with script and confidence.",
      inputSchema: z.object({ text: z.string().min(1).max(20_000).describe("The text to identify") }),
      execute: ({ text }) =>
        runGuarded(
          context,
          "identify_language",
          async () => {
            const result = await analyzeMultilingual(parseMultilingualRequest({ content: text }));
            return {
              language: result.language,
              languages: result.languages,
              segments: result.segments.slice(0, 12),
              models: result.models.map((m) => m.id),
            };
          },
          () => ({ kind: "multilingual", title: text, request: { text } }),
        ),
    }),

    check_safety: tool({
      description:
        "Check a text for prompt injection, jailbreaks and personal data (PII), and/or an attached image for NSFW content and instructions hidden in its text. Give text, an attachment, or both.",
      inputSchema: z.object({
        text: z.string().min(1).max(20_000).optional().describe("A text to check"),
        attachment_id: z.string().min(1).max(20).optional().describe('An attached image to check ("a1")'),
      }),
      execute: ({ text, attachment_id }) =>
        runGuarded(
          context,
          "check_safety",
          async () => {
            requireScope(context, "safety", "A safety check");
            const image = attachment_id ? attachmentById(context.attachments, attachment_id).bytes : undefined;
            const contentType = text !== undefined && image ? "multimodal" : image ? "image" : "text";
            const result = await evaluateSafety({ contentType, prompt: text, image });
            return {
              verdict: result.verdict,
              safety_score: result.safety_score,
              categories: result.categories,
              evidence: result.evidence.slice(0, 8).map((e) => ({ check: e.check, category: e.category, excerpt: e.excerpt })),
            };
          },
          () => ({ kind: "safety", title: text ?? attachmentName(context, attachment_id ?? "image"), request: { text, attachment_id } }),
        ),
    }),
  };
}
