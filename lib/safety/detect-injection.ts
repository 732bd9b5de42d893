import "server-only";
import { classifierInput } from "./classifier/classifier-input";
import { ngramCounts, tfidfVector } from "./classifier/hash-features";
import { mlpLogit, mlpScratch } from "./classifier/hashed-mlp";
import type { InjectionMode } from "./classifier/injection-classifier-schema";
import { signatureFeatures } from "./classifier/injection-features";
import { loadInjectionClassifier, type InjectionClassifier } from "./classifier/load-injection-classifier";
import { normalizeText, type ObfuscationCounts } from "./normalize/normalize-text";
import type { AttackFamily } from "./signatures/families";
import { matchSignatures, type SignatureHit } from "./signatures/match-signatures";

/**
 * The layered prompt-injection detector: normalise, match signatures (families and evidence spans),
 * and score with the hashed n-gram network, which reads the text's n-grams and the signature family
 * scores together; a signature score over the mode's signature threshold flags a text on its own.
 * The network's logit is compared with the threshold of the mode: `prompt` for text sent to a
 * model, `document` for text read from a page or an image (indirect injection), whose threshold keeps
 * ordinary documents - invoices, receipts, code - quiet. The probability is mapped so that 0.5 is the
 * mode's threshold. When the weights cannot be read, the signature layer answers alone and says so.
 */

export interface InjectionDetection {
  /** Probability-like score that the text is an injection, 0..1, with 0.5 at the mode's threshold. */
  probability: number;
  flagged: boolean;
  threshold: number;
  mode: InjectionMode;
  /** The network's raw logit (internal: the benchmark compares it with every mode's threshold). */
  logit?: number;
  layers: {
    signatures: { score: number; hitCount: number };
    /** The network on the wording alone (signature inputs left out), on the same scale. */
    classifier: { available: boolean; probability?: number; reason?: string };
  };
  families: { family: AttackFamily; score: number }[];
  evidence: SignatureHit[];
  normalization: {
    changed: boolean;
    normalizedText: string;
    obfuscation: ObfuscationCounts;
    decoded: { encoding: string; text: string; start: number; end: number }[];
  };
  timings: { normalizeMs: number; signaturesMs: number; classifierMs: number };
}

const MAX_NORMALIZED_ECHO_CHARS = 2_000;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logitOf = (p: number) => Math.log(Math.min(Math.max(p, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(p, 1e-6), 1 - 1e-6)));

/** Strong signature evidence flags a text on its own: 0.5 exactly at the mode's signature threshold. */
function signatureProbability(score: number, threshold: number): number {
  return threshold >= 1 ? 0 : sigmoid(4 * (logitOf(score) - logitOf(threshold)));
}

export interface DetectOptions {
  mode?: InjectionMode;
}

export async function detectInjections(texts: string[], options: DetectOptions = {}): Promise<InjectionDetection[]> {
  const mode = options.mode ?? "prompt";
  let classifier: InjectionClassifier | undefined;
  let reason: string | undefined;
  try {
    classifier = await loadInjectionClassifier();
  } catch (error) {
    reason = `learned layer unavailable: ${(error as Error).message}`;
  }
  return texts.map((text) => detectOne(text, mode, classifier, reason));
}

export async function detectInjection(text: string, options: DetectOptions = {}): Promise<InjectionDetection> {
  return (await detectInjections([text], options))[0];
}

function detectOne(text: string, mode: InjectionMode, classifier: InjectionClassifier | undefined, reason: string | undefined): InjectionDetection {
  const n = normalizeText(text);
  const signatures = matchSignatures(n);
  let probability = signatures.score;
  let classifierLayer: InjectionDetection["layers"]["classifier"] = { available: false, reason };
  let classifierMs = 0;
  let logit: number | undefined;
  if (classifier) {
    const startedAt = performance.now();
    const ngrams = tfidfVector(ngramCounts(classifierInput(n), classifier.buckets), classifier.idf);
    const dense = signatureFeatures(signatures);
    const scratch = mlpScratch(classifier.network);
    const threshold = classifier.thresholds[mode];
    logit = mlpLogit(classifier.network, ngrams, dense, scratch);
    probability = Math.max(sigmoid(logit - threshold), signatureProbability(signatures.score, classifier.thresholds.signature[mode]));
    const wordingOnly = sigmoid(mlpLogit(classifier.network, ngrams, new Array(dense.length).fill(0), scratch) - threshold);
    classifierLayer = { available: true, probability: wordingOnly };
    classifierMs = performance.now() - startedAt;
  }
  const families = Object.entries(signatures.familyScores)
    .map(([family, score]) => ({ family: family as AttackFamily, score: score! }))
    .sort((a, b) => b.score - a.score);
  return {
    probability,
    flagged: probability >= 0.5,
    threshold: 0.5,
    mode,
    logit,
    layers: { signatures: { score: signatures.score, hitCount: signatures.hits.length }, classifier: classifierLayer },
    families,
    evidence: [...signatures.hits].sort((a, b) => b.weight - a.weight || a.start - b.start),
    normalization: {
      changed: n.normalized.text !== text,
      normalizedText: n.normalized.text.slice(0, MAX_NORMALIZED_ECHO_CHARS),
      obfuscation: n.obfuscation,
      decoded: n.decoded.map((d) => ({ encoding: d.encoding, text: d.text.slice(0, 500), start: d.start, end: d.end })),
    },
    timings: { normalizeMs: n.normalizeMs, signaturesMs: signatures.matchMs, classifierMs },
  };
}
