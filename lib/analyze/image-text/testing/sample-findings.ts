import type { ImageTextFindings } from "../schema";

const model = { id: "m", version: "1", variant: "full_precision" };
const timings = { preprocess_ms: 1, run_ms: 1, postprocess_ms: 1 };
const box = { x: 0, y: 0, width: 10, height: 10 };

/** A full image-text finding set (two cats and a dog, a partly supported caption), for the summary tests. */
export const sampleFindings: ImageTextFindings = {
  request_id: "r",
  image: { width: 320, height: 213, format: "jpeg", size_bytes: 10_000 },
  labels: {
    available: true,
    model,
    top: [
      { label: "tabby cat", class_index: 281, probability: 0.62 },
      { label: "tiger cat", class_index: 282, probability: 0.21 },
      { label: "Egyptian cat", class_index: 285, probability: 0.1 },
      { label: "lynx", class_index: 287, probability: 0.01 },
    ],
    timings,
  },
  objects: {
    available: true,
    model,
    items: [
      { label: "dog", class_index: 16, score: 0.5, box },
      { label: "cat", class_index: 15, score: 0.9, box },
      { label: "cat", class_index: 15, score: 0.7, box },
    ],
    timings,
  },
  text_in_image: {
    available: true,
    full_text: "HELLO\nWORLD",
    lines: [
      { text: "HELLO", confidence: 0.8, box },
      { text: "WORLD", confidence: 1, box },
    ],
    models: [],
    timings: {},
  },
  relation: {
    score: 0.5,
    verdict: "partially_supported",
    explanation: "cat is seen by the detector; horse is not seen",
    terms: [
      {
        term: "cat",
        surface: "cats",
        start: 4,
        end: 8,
        status: "supported",
        method: "lexical",
        support: 1,
        evidence: { source: "detection", text: "cat", confidence: 0.9, count: 2 },
      },
      { term: "horse", surface: "horse", start: 13, end: 18, status: "not_seen", method: "lexical", support: 0 },
    ],
    method: { lexical: true, semantic: { available: false, reason: "test" }, image_text_model: { available: false, reason: "none" } },
  },
  safety: { available: true, safety_score: 0.97, verdict: "safe", categories: [] },
  tasks: ["labels", "objects", "ocr", "facts", "relation", "safety"],
  models: [],
  timings: {},
  processing_time_ms: 1,
};
