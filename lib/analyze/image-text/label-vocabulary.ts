import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "../../env";
import { embedTexts } from "../../inference/embed/embed-texts";
import { embeddingModelId } from "../../inference/embed/embedding-model";
import { inLabelGroup, labelGroupWords } from "../../inference/label-groups";
import { modelLabels } from "../../inference/model-labels";
import { loadModel } from "../../inference/session-pool";
import { processSingleton } from "../../process-singletons";

/**
 * Everything the vision models can name (every ImageNet class of the classifier, every COCO class of
 * the detector), embedded once per process. A caption word is judged against this whole vocabulary:
 * a word is "seen" when its best match among the things the models saw is about as good as its best
 * match among everything they could have seen. Embedding ~1,100 labels takes seconds, so the vectors
 * are also kept beside the model files (MODEL_CACHE_DIR/derived), keyed by the encoder and the exact
 * label list: they are derived from the models, like a compiled artefact.
 */

export interface VocabularyEntry {
  /** "classification:281" or "detection:15". */
  key: string;
  source: "classification" | "detection";
  classIndex: number;
  /** The label as the model names it, e.g. "tabby, tabby cat". */
  label: string;
  /** Its names split apart, lowercased: ["tabby", "tabby cat"]. */
  names: string[];
  /** Everyday group words from the manifest's labelGroups: "tabby" is a "cat". */
  groups: string[];
  vector: number[];
}

export interface LabelVocabulary {
  entries: VocabularyEntry[];
  /** Two-word names ("hot dog", "teddy bear") for the term extractor. */
  phrases: Set<string>;
  buildMs: number;
}

export function getLabelVocabulary(classifierId: string, detectorId: string): Promise<LabelVocabulary> {
  return processSingleton(`label-vocabulary:${classifierId}|${detectorId}`, () => buildVocabulary(classifierId, detectorId));
}

async function buildVocabulary(classifierId: string, detectorId: string): Promise<LabelVocabulary> {
  const startedAt = performance.now();
  const raw: Omit<VocabularyEntry, "vector">[] = [];
  const classifier = await loadModel(classifierId);
  const offset = classifier.entry.output?.kind === "classification" ? classifier.entry.output.labelOffset : 0;
  const classLabels = (await modelLabels(classifier)).slice(offset);
  const groupWords = labelGroupWords(classifier.entry);
  classLabels.forEach((label, classIndex) =>
    raw.push({
      key: `classification:${classIndex}`,
      source: "classification",
      classIndex,
      label,
      names: namesOf(label),
      groups: groupWords.filter((word) => inLabelGroup(classifier.entry, classIndex, word)),
    }),
  );
  const detectorLabels = await modelLabels(await loadModel(detectorId));
  detectorLabels.forEach((label, classIndex) =>
    raw.push({ key: `detection:${classIndex}`, source: "detection", classIndex, label, names: namesOf(label), groups: [] }),
  );
  const vectors = await cachedEmbeddings(raw.map((entry) => entry.label));
  const phrases = new Set(raw.flatMap((entry) => entry.names).filter((name) => name.split(" ").length === 2));
  return { entries: raw.map((entry, i) => ({ ...entry, vector: vectors[i] })), phrases, buildMs: performance.now() - startedAt };
}

export function namesOf(label: string): string[] {
  return label
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

async function cachedEmbeddings(labels: string[]): Promise<number[][]> {
  const digest = createHash("sha256").update(embeddingModelId()).update("\0").update(labels.join("\n")).digest("hex").slice(0, 16);
  const file = path.join(getEnv().modelCacheDir, "derived", `label-vectors-${digest}.f32`);
  try {
    const bytes = await readFile(file);
    // The width is the encoder's (512 for USE-lite; a hosted model's own), read back from the file's size.
    const dimensions = bytes.length / (labels.length * 4);
    if (Number.isInteger(dimensions) && dimensions > 0) {
      const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      return labels.map((_, i) => Array.from(floats.subarray(i * dimensions, (i + 1) * dimensions)));
    }
  } catch {
    // Not cached yet (or unreadable): compute below.
  }
  const { vectors } = await embedTexts(labels);
  const dimensions = vectors[0]?.length ?? 0;
  const floats = new Float32Array(labels.length * dimensions);
  vectors.forEach((vector, i) => floats.set(vector, i * dimensions));
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    await writeFile(partial, Buffer.from(floats.buffer));
    await rename(partial, file);
  } catch {
    // A read-only data folder only costs the recomputation next time.
  }
  return vectors;
}
