import { z } from "zod";
import { formBoolean } from "../form-boolean";
import { tasksSchema, variantsSchema } from "../../inference/serving/request-schema";
import { injectionCheckSchema } from "../../safety/schemas";
import { DOCUMENT_IMPLICATIONS, documentTasks } from "./document-tasks";

/**
 * The request and response of POST /api/v1/analyze/document. The route validates the text fields
 * with `documentFieldsSchema` (the image arrives through the shared body reader, as base64 / data
 * URL in JSON or a file part in multipart) and answers through `documentResponseSchema`, which
 * strips anything internal. `documentRequestSchema` describes the JSON body as a whole (OpenAPI).
 */

export const MAX_QUERY_CHARACTERS = 500;

// C0/C1 controls (tab, line feed and carriage return allowed), bidirectional overrides and isolates,
// zero-width and BOM characters: invisible in a question, and a favourite of hostile input.
const hostileCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

export const querySchema = z
  .string()
  .refine((q) => !hostileCharacters.test(q), "must not contain control, zero-width or bidirectional-override characters")
  .transform((q) => q.trim())
  .refine((q) => q.length > 0, "must not be empty (leave the field out to skip question answering)")
  .refine((q) => q.length <= MAX_QUERY_CHARACTERS, `must be at most ${MAX_QUERY_CHARACTERS} characters`)
  .describe(`A question about the page, up to ${MAX_QUERY_CHARACTERS} characters ("What is the total?").`);

export const languageHintSchema = z
  .string()
  .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be an ISO 639-1 code, optionally with a region, such as "de" or "en-US"')
  .describe('The language the document is in, if known ("de", "en-US"); "en-US" reads 04/05/2020 as April 5.');

export const documentFieldsSchema = z.strictObject({
  query: querySchema.optional(),
  language: languageHintSchema.optional(),
  keep_image: formBoolean.default(false).describe("Keep the page image with this analysis in the caller's history (default: only the answer is kept)."),
  tasks: tasksSchema(documentTasks, DOCUMENT_IMPLICATIONS),
  variants: variantsSchema(["ocr_detection", "ocr_recognition"], "ocr_detection for finding the lines, ocr_recognition for reading them"),
});
export type DocumentFields = z.output<typeof documentFieldsSchema>;

const point = z.tuple([z.number(), z.number()]);
const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
const modelRef = z.object({ id: z.string(), version: z.string(), variant: z.string() });
const chosenModelRef = modelRef.extend({
  chosen_by: z.enum(["request", "serving_default"]).describe("Named in `variants`, or the role's serving default (GET /api/v1/models)"),
});

export const documentLineSchema = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  box: box.describe("Axis-aligned box in the pixels of the image as uploaded"),
  polygon: z.array(point).describe("The line's corners in the pixels of the image as uploaded, clockwise from its top-left as read"),
  row: z.number().int().describe("Row in reading order; lines of one row sit side by side"),
});

export const keyFieldSchema = z.object({
  kind: z.enum(["merchant", "date", "total", "amount", "email", "phone", "fax", "iban", "invoice_number", "receipt_number", "vat_id"]),
  value: z.string().describe("Normalised: ISO date, decimal amount, lower-case e-mail, phone digits, compact IBAN"),
  text: z.string().describe("As read"),
  amount: z.number().optional(),
  currency: z.string().optional().describe("ISO 4217 code"),
  label: z.string().optional().describe('The label that marked the field ("zu zahlen", "Bon-Nr.")'),
  line_index: z.number().int().describe("Index into `lines` of the line the value came from"),
  line_text: z.string(),
  row_text: z.string().describe("The whole row: label and value may be separate lines"),
  confidence: z.number().describe("OCR confidence of the line"),
});

const languageSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    language: z.string().describe('ISO 639-1 ("de"); "und" when undetermined'),
    name: z.string().nullable(),
    confidence: z.number(),
    reliable: z.boolean(),
    detail: z.string().optional(),
    segments: z.array(
      z.object({
        language: z.string(),
        name: z.string().nullable(),
        start: z.number().int(),
        end: z.number().int(),
        confidence: z.number(),
        reliable: z.boolean(),
      }),
    ),
    hint: z.string().nullable(),
  }),
  z.object({ available: z.literal(false), reason: z.string(), hint: z.string().nullable() }),
]);

const passageSchema = z.object({
  row: z.number().int(),
  text: z.string(),
  line_indices: z.array(z.number().int()),
  score: z.number().describe("0.5 x lexical + 0.5 x semantic (lexical alone when embeddings are unavailable)"),
  lexical_score: z.number().describe("BM25, scaled so the best row is 1"),
  semantic_score: z.number().nullable().describe("Cosine similarity of sentence embeddings, clipped at 0"),
});

export const documentResponseSchema = z.object({
  image: z.object({ width: z.number().int(), height: z.number().int(), format: z.string(), size_bytes: z.number().int() }),
  page_rotation_degrees: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).describe("Clockwise turn applied to read the page"),
  lines: z.array(documentLineSchema).describe("In reading order"),
  full_text: z.string().describe("Rows joined by newlines, the lines of a row by spaces"),
  language: languageSchema.optional().describe("With the language task"),
  key_fields: z
    .object({
      merchant: keyFieldSchema.nullable(),
      date: keyFieldSchema.nullable(),
      total: keyFieldSchema.nullable(),
      fields: z.array(keyFieldSchema),
    })
    .optional()
    .describe("With the key_fields task"),
  answer: z
    .object({
      query: z.string(),
      text: z.string().describe("The matched key field's value, else the best passage; empty when nothing matched"),
      field: keyFieldSchema.nullable(),
      passages: z.array(passageSchema),
      semantic: z.object({ available: z.boolean(), reason: z.string().optional() }),
    })
    .nullable()
    .optional()
    .describe("With the answer task: null when no query was given"),
  injection: injectionCheckSchema
    .nullable()
    .optional()
    .describe("With the safety task: the page's text judged as document text (indirect prompt injection); null when no text was read"),
  tasks: z.array(z.enum(documentTasks)).describe("The tasks that ran: those asked for and those they need"),
  warnings: z.array(z.string()),
  models: z.object({ detection: chosenModelRef, recognition: chosenModelRef, direction: modelRef, embedding: z.object({ id: z.string() }).nullable() }),
  timings_ms: z
    .object({
      decode: z.number(),
      detect: z.number(),
      classify: z.number(),
      recognize: z.number(),
      ocr_total: z.number(),
    })
    .extend(z.object({ key_fields: z.number(), language: z.number(), answer: z.number(), injection: z.number() }).partial().shape)
    .describe("Per stage; a task that did not run has no entry"),
  processing_time_ms: z.number(),
});
export type DocumentResponse = z.infer<typeof documentResponseSchema>;
export type KeyFieldOutput = z.infer<typeof keyFieldSchema>;
