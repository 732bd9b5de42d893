import "server-only";
import { embedTexts } from "../inference/embed/embed-texts";
import { classifierInput } from "./classifier/classifier-input";
import { combineScores, learnedProbability, type LayerScores } from "./classifier/combine-scores";
import { ngramCounts, tfidfVector } from "./classifier/hash-features";
import { loadInjectionClassifier } from "./classifier/load-injection-classifier";
import { logitOf } from "./classifier/logistic-regression";
import { normalizeText, type ObfuscationCounts } from "./normalize/normalize-text";
import type { AttackFamily } from "./signatures/families";
import { matchSignatures, type SignatureHit } from "./signatures/match-signatures";

/**
 * The layered prompt-injection detector: normalise, match signatures (evidence spans), score with the
 * learned layer (a logistic regression over hashed TF-IDF n-grams and one over the USE-lite embedding),
 * and stack the three scores into one probability whose 0.5 is the fitted operating point. When the learned layer cannot run (no embedding model), the signature layer answers
 * alone and the result says so.
 */

export interface InjectionDetection {
  /** Combined probability that the text is an injection or jailbreak, 0..1. */
  probability: number;
  flagged: boolean;
  threshold: number;
  layers: {
    signatures: { score: number; hitCount: number };
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
  timings: { normalizeMs: number; signaturesMs: number; embedMs: number; classifierMs: number };
}

const MAX_NORMALIZED_ECHO_CHARS = 2_000;

export async function detectInjections(texts: string[]): Promise<InjectionDetection[]> {
  const normalized = texts.map((text) => normalizeText(text));
  const signatureResults = normalized.map((n) => matchSignatures(n));
  const inputs = normalized.map(classifierInput);

  let classifierLogits: (Omit<LayerScores, "signatureScore"> | undefined)[] = texts.map(() => undefined);
  let classifierReason: string | undefined;
  let embedMs = 0;
  let classifierMs = 0;
  let combiner: Awaited<ReturnType<typeof loadInjectionClassifier>>["combiner"] | undefined;
  try {
    const classifier = await loadInjectionClassifier();
    const embedded = await embedTexts(inputs);
    embedMs = embedded.embedMs;
    const startedAt = performance.now();
    const ngram = { denseWeights: [], sparseWeights: classifier.ngram.weights, bias: classifier.ngram.bias };
    const embedding = { denseWeights: classifier.embedding.weights, sparseWeights: [], bias: classifier.embedding.bias };
    const none = { indices: [], values: [] };
    classifierLogits = inputs.map((input, i) => ({
      ngramLogit: logitOf(ngram, [], tfidfVector(ngramCounts(input, classifier.features.hashBuckets), classifier.ngram.idf)),
      embeddingLogit: logitOf(embedding, embedded.vectors[i], none),
    }));
    classifierMs = performance.now() - startedAt;
    combiner = classifier.combiner;
  } catch (error) {
    classifierReason = `learned layer unavailable: ${(error as Error).message}`;
  }

  return texts.map((text, i) => {
    const n = normalized[i];
    const signatures = signatureResults[i];
    const logit = classifierLogits[i];
    const probability = combiner && logit !== undefined ? combineScores(combiner, { signatureScore: signatures.score, ...logit }) : signatures.score;
    const threshold = combiner?.threshold ?? 0.5;
    const families = Object.entries(signatures.familyScores)
      .map(([family, score]) => ({ family: family as AttackFamily, score: score! }))
      .sort((a, b) => b.score - a.score);
    return {
      probability,
      flagged: probability >= threshold,
      threshold,
      layers: {
        signatures: { score: signatures.score, hitCount: signatures.hits.length },
        classifier: logit === undefined ? { available: false, reason: classifierReason } : { available: true, probability: learnedProbability(logit) },
      },
      families,
      evidence: [...signatures.hits].sort((a, b) => b.weight - a.weight || a.start - b.start),
      normalization: {
        changed: n.normalized.text !== text,
        normalizedText: n.normalized.text.slice(0, MAX_NORMALIZED_ECHO_CHARS),
        obfuscation: n.obfuscation,
        decoded: n.decoded.map((d) => ({ encoding: d.encoding, text: d.text.slice(0, 500), start: d.start, end: d.end })),
      },
      timings: { normalizeMs: n.normalizeMs, signaturesMs: signatures.matchMs, embedMs: embedMs / texts.length, classifierMs: classifierMs / texts.length },
    };
  });
}

export async function detectInjection(text: string): Promise<InjectionDetection> {
  return (await detectInjections([text]))[0];
}
