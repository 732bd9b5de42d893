import "server-only";
import { cosineSimilarity } from "ai";
import { embedTexts } from "../../inference/embed/embed-texts";
import { embeddingModelId } from "../../inference/embed/embedding-model";
import type { ClassificationResult } from "../../inference/classify-image";
import type { DetectionResult } from "../../inference/detect-objects";
import type { ImageFacts } from "../../inference/image/image-facts";
import { extractTerms, singular, type TextTerm } from "./extract-terms";
import type { LabelVocabulary, VocabularyEntry } from "./label-vocabulary";
import { round } from "../../stats";

/**
 * Which parts of a caption are supported by what the models saw. No image-text model (CLIP-style)
 * can be had here, so the caption is matched against the models' own outputs: the classifier's top
 * labels, the detector's objects (with counts), text read by OCR, and the image facts (colours,
 * darkness, blur). Matching is lexical first, then semantic through sentence embeddings judged
 * against the whole label vocabulary, so "kitten" is supported by "tabby cat" but "dog" is not.
 */

/**
 * When an embedding match counts (see judgeTerm). Chosen on the validation captions of
 * relation-cases.ts (photos at even positions) by scripts/choose-relation-thresholds.ts, and reported
 * once on the test captions (odd positions); README "Image understanding" has both.
 */
export interface RelationThresholds {
  /** A term is supported by something seen when their similarity is at least this... */
  semanticMinSimilarity: number;
  /** ...and within this of the term's best match over every label the models know. */
  semanticMargin: number;
  /** Otherwise a term is "not seen" when some label matches it this well (the models could have seen it). */
  recognisableSimilarity: number;
}

export const RELATION_THRESHOLDS: RelationThresholds = { semanticMinSimilarity: 0.6, semanticMargin: 0.15, recognisableSimilarity: 0.75 };

/** Verdicts by the share of checkable terms supported: three quarters, one third. A definition, not fitted. */
const SUPPORTED_SCORE = 0.75;
const PARTIAL_SCORE = 0.35;
const MIN_LABEL_PROBABILITY = 0.05;

export type TermStatus = "supported" | "not_seen" | "not_checkable";

export interface Evidence {
  source: "classification" | "detection" | "ocr" | "colour" | "facts";
  text: string;
  confidence: number;
  similarity?: number;
  count?: number;
}

export interface TermJudgement {
  term: string;
  surface: string;
  start: number;
  end: number;
  status: TermStatus;
  method: "lexical" | "semantic" | "none";
  /** Contribution to the score, 0..1 (a count mismatch halves it). */
  support: number;
  evidence?: Evidence;
  /** For not_seen: the closest thing the models could have recognised. */
  closestKnown?: string;
  note?: string;
}

export interface TextImageRelation {
  score: number | null;
  verdict: "supported" | "partially_supported" | "not_supported" | "nothing_to_check";
  explanation: string;
  terms: TermJudgement[];
  method: {
    lexical: true;
    semantic: { available: boolean; model?: string; reason?: string };
    image_text_model: { available: false; reason: string };
  };
  timings: { relateMs: number };
}

export interface RelateInput {
  text: string;
  vocabulary: LabelVocabulary | undefined;
  classification?: ClassificationResult;
  detection?: DetectionResult;
  ocrText?: string;
  facts?: ImageFacts;
  /** Semantic matching needs the English sentence encoder. */
  semantic: { available: boolean; reason?: string };
}

interface SeenEntry {
  entry: VocabularyEntry;
  evidence: Evidence;
}

export async function relateTextToImage(input: RelateInput, thresholds: RelationThresholds = RELATION_THRESHOLDS): Promise<TextImageRelation> {
  const startedAt = performance.now();
  const terms = extractTerms(input.text, input.vocabulary?.phrases);
  const semanticAvailable = input.semantic.available && Boolean(input.vocabulary) && terms.length > 0;
  const vectors = semanticAvailable ? (await embedTexts(terms.map((t) => t.term))).vectors : undefined;
  return { ...judgeRelation(input, terms, vectors, thresholds), timings: { relateMs: performance.now() - startedAt } };
}

/** The relation of already extracted (and, for semantic matching, embedded) terms; pure, so thresholds can be compared cheaply. */
export function judgeRelation(
  input: RelateInput,
  terms: TextTerm[],
  vectors: number[][] | undefined,
  thresholds: RelationThresholds,
): Omit<TextImageRelation, "timings"> {
  const seen = seenEntries(input);
  const judgements = terms.map((term, i) => judgeTerm(term, input, seen, vectors?.[i], thresholds));
  const checkable = judgements.filter((j) => j.status !== "not_checkable");
  const score = checkable.length ? round(checkable.reduce((s, j) => s + j.support, 0) / checkable.length, 3) : null;
  return {
    score,
    verdict: score === null ? "nothing_to_check" : score >= SUPPORTED_SCORE ? "supported" : score >= PARTIAL_SCORE ? "partially_supported" : "not_supported",
    explanation: explain(judgements, score),
    terms: judgements,
    method: {
      lexical: true,
      semantic: input.semantic.available ? { available: true, model: embeddingModelId() } : { available: false, reason: input.semantic.reason },
      image_text_model: {
        available: false,
        reason: "No image-text model (CLIP-style) can be had on this instance; the relation is computed from what the classifier, detector and OCR saw.",
      },
    },
  };
}

function seenEntries(input: RelateInput): SeenEntry[] {
  if (!input.vocabulary) return [];
  const byKey = new Map(input.vocabulary.entries.map((e) => [e.key, e]));
  const seen: SeenEntry[] = [];
  for (const label of input.classification?.labels ?? []) {
    const entry = byKey.get(`classification:${label.index}`);
    if (entry && label.probability >= MIN_LABEL_PROBABILITY) {
      seen.push({ entry, evidence: { source: "classification", text: label.label, confidence: round(label.probability, 3) } });
    }
  }
  const detected = new Map<number, { score: number; count: number }>();
  for (const object of input.detection?.objects ?? []) {
    const current = detected.get(object.classIndex) ?? { score: 0, count: 0 };
    detected.set(object.classIndex, { score: Math.max(current.score, object.score), count: current.count + 1 });
  }
  for (const [classIndex, { score, count }] of detected) {
    const entry = byKey.get(`detection:${classIndex}`);
    if (entry) seen.push({ entry, evidence: { source: "detection", text: entry.label, confidence: round(score, 3), count } });
  }
  return seen;
}

const colourWords: Record<string, string[]> = {
  red: ["red", "dark red"],
  orange: ["orange"],
  yellow: ["yellow"],
  green: ["green", "dark green", "olive"],
  blue: ["blue", "navy", "sky blue"],
  purple: ["purple", "magenta"],
  pink: ["pink", "magenta"],
  brown: ["brown", "tan"],
  black: ["black"],
  white: ["white", "beige"],
  gray: ["gray", "silver"],
  grey: ["gray", "silver"],
  silver: ["silver", "gray"],
  teal: ["teal", "cyan"],
  beige: ["beige", "tan"],
};

// Words for people are many and the detector has one class for them; word embeddings of "woman" and
// "person" are only 0.5 apart, so this one hypernym is spelled out.
const personWords = new Set(
  "person people man woman boy girl child kid baby toddler guy lady gentleman human adult teenager player athlete worker astronaut pilot soldier officer skier surfer rider driver".split(
    " ",
  ),
);

function namesMatch(term: string, entry: VocabularyEntry): boolean {
  if (entry.source === "detection" && entry.label === "person" && personWords.has(term)) return true;
  return entry.groups.includes(term) || entry.names.some((name) => name === term || singular(name) === term);
}

function judgeTerm(term: TextTerm, input: RelateInput, seen: SeenEntry[], vector: number[] | undefined, thresholds: RelationThresholds): TermJudgement {
  const base = { term: term.term, surface: term.surface, start: term.start, end: term.end };
  // A detection is the better witness when both models name the thing: it has a box and a count.
  const lexical = seen.find((s) => s.entry.source === "detection" && namesMatch(term.term, s.entry)) ?? seen.find((s) => namesMatch(term.term, s.entry));
  if (lexical) return withCount({ ...base, status: "supported", method: "lexical", support: 1, evidence: lexical.evidence }, term);

  if (input.ocrText && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term.surface)}($|[^\\p{L}\\p{N}])`, "iu").test(input.ocrText)) {
    return { ...base, status: "supported", method: "lexical", support: 1, evidence: { source: "ocr", text: term.surface, confidence: 1 } };
  }

  const factEvidence = judgeFact(term.term, input.facts);
  if (factEvidence) return { ...base, ...factEvidence };

  if (!vector || !input.vocabulary) return { ...base, status: "not_checkable", method: "none", support: 0, note: "semantic matching unavailable" };
  let bestAll = { similarity: -1, entry: input.vocabulary.entries[0] };
  for (const entry of input.vocabulary.entries) {
    const similarity = cosineSimilarity(vector, entry.vector);
    if (similarity > bestAll.similarity) bestAll = { similarity, entry };
  }
  let bestSeen: { similarity: number; seen?: SeenEntry } = { similarity: -1 };
  for (const candidate of seen) {
    const similarity = cosineSimilarity(vector, candidate.entry.vector);
    if (similarity > bestSeen.similarity) bestSeen = { similarity, seen: candidate };
  }
  if (bestSeen.seen && bestSeen.similarity >= thresholds.semanticMinSimilarity && bestSeen.similarity >= bestAll.similarity - thresholds.semanticMargin) {
    return withCount(
      { ...base, status: "supported", method: "semantic", support: 1, evidence: { ...bestSeen.seen.evidence, similarity: round(bestSeen.similarity, 3) } },
      term,
    );
  }
  if (bestAll.similarity >= thresholds.recognisableSimilarity) {
    return { ...base, status: "not_seen", method: "semantic", support: 0, closestKnown: bestAll.entry.names[0] };
  }
  return { ...base, status: "not_checkable", method: "semantic", support: 0, note: "no model here recognises this" };
}

function judgeFact(term: string, facts: ImageFacts | undefined): Omit<TermJudgement, "term" | "surface" | "start" | "end"> | undefined {
  if (!facts) return undefined;
  const colours = colourWords[term];
  if (colours) {
    const match = facts.dominantColours.find((c) => colours.includes(c.name) && c.fraction >= 0.05);
    return match
      ? { status: "supported", method: "lexical", support: 1, evidence: { source: "colour", text: `${match.name} ${match.hex}`, confidence: match.fraction } }
      : { status: "not_seen", method: "lexical", support: 0, closestKnown: `dominant colours: ${facts.dominantColours.map((c) => c.name).join(", ")}` };
  }
  const checks: [RegExp, boolean, string][] = [
    [/^(blurry|blurred|blur|unfocused|out-of-focus)$/, facts.isBlurry, `sharpness ${facts.sharpness}`],
    [/^(dark|night|nighttime|dim)$/, facts.isDark, `brightness ${facts.brightness}`],
    [/^(monochrome|grayscale|greyscale|black-and-white)$/, facts.isGrayscale, "colour saturation"],
  ];
  for (const [pattern, holds, measured] of checks) {
    if (pattern.test(term)) {
      return holds
        ? { status: "supported", method: "lexical", support: 1, evidence: { source: "facts", text: measured, confidence: 1 } }
        : { status: "not_seen", method: "lexical", support: 0, closestKnown: measured };
    }
  }
  return undefined;
}

function withCount(judgement: TermJudgement, term: TextTerm): TermJudgement {
  const counted = judgement.evidence?.count;
  if (!term.count || judgement.evidence?.source !== "detection" || counted === undefined || counted === term.count) return judgement;
  return { ...judgement, support: 0.5, note: `the text says ${term.count}, the detector found ${counted}` };
}

function explain(judgements: TermJudgement[], score: number | null): string {
  if (score === null) return "The text names nothing the models here can check (no objects, animals, things, colours or visible text).";
  const supported = judgements.filter((j) => j.status === "supported");
  const missing = judgements.filter((j) => j.status === "not_seen");
  const describe = (j: TermJudgement) => {
    const e = j.evidence!;
    const by =
      e.source === "classification"
        ? "the classifier saw"
        : e.source === "detection"
          ? "the detector found"
          : e.source === "ocr"
            ? "OCR read"
            : e.source === "colour"
              ? "a dominant colour is"
              : "measured";
    return `"${j.surface}" (${by} ${e.text}${e.source === "classification" || e.source === "detection" ? ` at ${Math.round(e.confidence * 100)}%` : ""}${j.note ? `; ${j.note}` : ""})`;
  };
  const parts = [`${supported.length} of ${supported.length + missing.length} checkable terms are supported by the image`];
  if (supported.length) parts.push(`supported: ${supported.map(describe).join(", ")}`);
  if (missing.length) parts.push(`not seen: ${missing.map((j) => `"${j.surface}"`).join(", ")}`);
  return `${parts.join("; ")}.`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
