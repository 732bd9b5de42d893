import "server-only";
import { classifierInputParts, joinClassifierInput } from "./classifier/classifier-input";
import { explainNetwork, type NetworkSpan } from "./classifier/explain-network";
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
 * mode's threshold. When the weights cannot be read, the signature layer answers alone and the
 * detection says so (`degraded`, with the missing layer named): never a silent signatures-only answer.
 * A flagged text (or any text when asked) comes with an explanation: the signature spans and the
 * spans whose removal lowers the network's logit most (occlusion).
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
  /** True when a layer is missing: the answer rests on the layers left, named in `missingLayers`. */
  degraded: boolean;
  missingLayers: "classifier"[];
  families: { family: AttackFamily; score: number }[];
  evidence: SignatureHit[];
  /** What drove the verdict: present when flagged, or when asked for. */
  explanation?: { signatures: SignatureHit[]; network: NetworkSpan[] };
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
  /** Explain the verdict even when the text is not flagged (costs one network pass per occluded span). */
  explain?: boolean;
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
  return texts.map((text) => detectOne(text, mode, classifier, reason, options.explain ?? false));
}

export async function detectInjection(text: string, options: DetectOptions = {}): Promise<InjectionDetection> {
  return (await detectInjections([text], options))[0];
}

const MAX_EXPLAINED_SIGNATURES = 5;

function detectOne(
  text: string,
  mode: InjectionMode,
  classifier: InjectionClassifier | undefined,
  reason: string | undefined,
  explain: boolean,
): InjectionDetection {
  const n = normalizeText(text);
  const signatures = matchSignatures(n);
  let probability = signatures.score;
  let classifierLayer: InjectionDetection["layers"]["classifier"] = { available: false, reason };
  let classifierMs = 0;
  let logit: number | undefined;
  let explainNetworkSpans: (() => NetworkSpan[]) | undefined;
  if (classifier) {
    const startedAt = performance.now();
    const parts = classifierInputParts(n);
    const dense = signatureFeatures(signatures);
    const scratch = mlpScratch(classifier.network);
    const threshold = classifier.thresholds[mode];
    const networkLogit = (input: string) => mlpLogit(classifier.network, tfidfVector(ngramCounts(input, classifier.buckets), classifier.idf), dense, scratch);
    const ngrams = tfidfVector(ngramCounts(joinClassifierInput(parts), classifier.buckets), classifier.idf);
    logit = mlpLogit(classifier.network, ngrams, dense, scratch);
    probability = Math.max(sigmoid(logit - threshold), signatureProbability(signatures.score, classifier.thresholds.signature[mode]));
    const wordingOnly = sigmoid(mlpLogit(classifier.network, ngrams, new Array(dense.length).fill(0), scratch) - threshold);
    classifierLayer = { available: true, probability: wordingOnly };
    const fullLogit = logit;
    explainNetworkSpans = () => explainNetwork(text, parts, networkLogit, fullLogit);
    classifierMs = performance.now() - startedAt;
  }
  const flagged = probability >= 0.5;
  const evidence = [...signatures.hits].sort((a, b) => b.weight - a.weight || a.start - b.start);
  let explanation: InjectionDetection["explanation"];
  if (flagged || explain) {
    const startedAt = performance.now();
    explanation = { signatures: evidence.slice(0, MAX_EXPLAINED_SIGNATURES), network: explainNetworkSpans?.() ?? [] };
    classifierMs += performance.now() - startedAt;
  }
  const families = Object.entries(signatures.familyScores)
    .map(([family, score]) => ({ family: family as AttackFamily, score: score! }))
    .sort((a, b) => b.score - a.score);
  return {
    probability,
    flagged,
    threshold: 0.5,
    mode,
    logit,
    layers: { signatures: { score: signatures.score, hitCount: signatures.hits.length }, classifier: classifierLayer },
    degraded: !classifier,
    missingLayers: classifier ? [] : ["classifier"],
    families,
    evidence,
    ...(explanation ? { explanation } : {}),
    normalization: {
      changed: n.normalized.text !== text,
      normalizedText: n.normalized.text.slice(0, MAX_NORMALIZED_ECHO_CHARS),
      obfuscation: n.obfuscation,
      decoded: n.decoded.map((d) => ({ encoding: d.encoding, text: d.text.slice(0, 500), start: d.start, end: d.end })),
    },
    timings: { normalizeMs: n.normalizeMs, signaturesMs: signatures.matchMs, classifierMs },
  };
}
