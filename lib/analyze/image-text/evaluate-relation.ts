import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { classifyImage } from "../../inference/classify-image";
import { defaultModelFor } from "../../inference/default-model";
import { detectObjects } from "../../inference/detect-objects";
import { embedTexts } from "../../inference/embed/embed-texts";
import { decodeImage } from "../../inference/image/decode-image";
import { computeImageFacts } from "../../inference/image/image-facts";
import { recognizeText } from "../../inference/ocr/recognize-text";
import { extractTerms, type TextTerm } from "./extract-terms";
import { getLabelVocabulary } from "./label-vocabulary";
import { relationCases, type RelationCase } from "./relation-cases";
import { judgeRelation, RELATION_THRESHOLDS, type RelateInput, type RelationThresholds, type TermStatus } from "./relate-text-to-image";

/**
 * How well the text-image relation labels caption terms, on the labelled captions of
 * relation-cases.ts: the photos are run through the same models as /api/v1/analyze/image-text once,
 * then any thresholds can be scored cheaply. Shared by scripts/choose-relation-thresholds.ts (which
 * chooses the thresholds on the validation captions) and the eval-data test.
 */

export interface PreparedCase extends RelationCase {
  input: RelateInput;
  terms: TextTerm[];
  vectors: number[][];
}

const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

export async function prepareRelationCases(evalDir: string): Promise<PreparedCase[]> {
  const classifierId = defaultModelFor("image-classification");
  const detectorId = defaultModelFor("object-detection");
  const vocabulary = await getLabelVocabulary(classifierId, detectorId);
  const seen = new Map<string, Omit<RelateInput, "text">>();
  const prepared: PreparedCase[] = [];
  for (const relationCase of relationCases) {
    let base = seen.get(relationCase.photo);
    if (!base) {
      const image = await decodeImage(await readFile(path.join(evalDir, "images", "photos", relationCase.photo)), limits);
      // The route's defaults: top 5 labels, the detector's own score threshold, OCR without the page-rotation search.
      const [classification, detection, facts, ocr] = await Promise.all([
        classifyImage(image, { modelId: classifierId, k: 5 }),
        detectObjects(image, { modelId: detectorId }),
        computeImageFacts(image),
        recognizeText(image, { detectPageRotation: false }),
      ]);
      base = { vocabulary, classification, detection, facts, ocrText: ocr.fullText, semantic: { available: true } };
      seen.set(relationCase.photo, base);
    }
    const terms = extractTerms(relationCase.caption, vocabulary.phrases);
    const missing = Object.keys(relationCase.expected).filter((term) => !terms.some((t) => t.term === term));
    if (missing.length) throw new Error(`"${relationCase.caption}": no term ${missing.join(", ")} (terms: ${terms.map((t) => t.term).join(", ")})`);
    prepared.push({ ...relationCase, input: { ...base, text: relationCase.caption }, terms, vectors: (await embedTexts(terms.map((t) => t.term))).vectors });
  }
  return prepared;
}

export interface RelationScore {
  terms: number;
  correct: number;
  accuracy: number;
  /** expected -> predicted -> count. */
  confusion: Record<TermStatus, Record<TermStatus, number>>;
  misses: { photo: string; term: string; expected: TermStatus; predicted: TermStatus }[];
}

export function scoreRelation(cases: PreparedCase[], thresholds: RelationThresholds): RelationScore {
  const statuses: TermStatus[] = ["supported", "not_seen", "not_checkable"];
  const confusion = Object.fromEntries(statuses.map((s) => [s, Object.fromEntries(statuses.map((p) => [p, 0]))])) as RelationScore["confusion"];
  const misses: RelationScore["misses"] = [];
  let terms = 0;
  for (const c of cases) {
    const relation = judgeRelation(c.input, c.terms, c.vectors, thresholds);
    for (const [term, expected] of Object.entries(c.expected)) {
      const predicted = relation.terms.find((j) => j.term === term)!.status;
      confusion[expected][predicted]++;
      terms++;
      if (predicted !== expected) misses.push({ photo: c.photo, term, expected, predicted });
    }
  }
  const correct = terms - misses.length;
  return { terms, correct, accuracy: terms ? correct / terms : 0, confusion, misses };
}

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);

/** The thresholds with the best accuracy on the given (validation) cases; ties go to the ones closest to the earlier defaults. */
export function chooseRelationThresholds(cases: PreparedCase[]): { thresholds: RelationThresholds; score: RelationScore; candidates: number } {
  const distance = (t: RelationThresholds) =>
    Math.abs(t.semanticMinSimilarity - 0.6) + Math.abs(t.semanticMargin - 0.1) + Math.abs(t.recognisableSimilarity - 0.7);
  let best: { thresholds: RelationThresholds; score: RelationScore } | undefined;
  let candidates = 0;
  for (const semanticMinSimilarity of steps(0.4, 0.8, 0.05)) {
    for (const semanticMargin of steps(0, 0.2, 0.025)) {
      for (const recognisableSimilarity of steps(0.5, 0.85, 0.05)) {
        const thresholds = { semanticMinSimilarity, semanticMargin, recognisableSimilarity };
        const score = scoreRelation(cases, thresholds);
        candidates++;
        if (!best || score.correct > best.score.correct || (score.correct === best.score.correct && distance(thresholds) < distance(best.thresholds)))
          best = { thresholds, score };
      }
    }
  }
  return { ...best!, candidates };
}

export { RELATION_THRESHOLDS };
