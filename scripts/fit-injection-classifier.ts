// Fits the learned layer of the prompt-injection detector on the TRAIN split only and writes
// models/safety/injection-classifier.json (weights) and injection-classifier.fit.json (what it was fitted on).
// Run: npx tsx --conditions=react-server scripts/fit-injection-classifier.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { combineScores } from "@/lib/safety/classifier/combine-scores";
import { baseLogits, defaultHyperparameters, fitInjectionModel, prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { HASH_BUCKETS, NGRAM_DESCRIPTION } from "@/lib/safety/classifier/hash-features";
import type { InjectionClassifier } from "@/lib/safety/classifier/injection-classifier-schema";
import { INJECTION_CLASSIFIER_PATH } from "@/lib/safety/classifier/load-injection-classifier";
import { injectionDataRelativePath, readInjectionData } from "@/lib/safety/dataset/read-injection-data";
import { SENTENCE_ENCODER_ID } from "@/lib/inference/embed/load-sentence-encoder";
import { requireEvalDir } from "./require-eval-dir";

const evalDir = requireEvalDir();
const startedAt = performance.now();
const data = readInjectionData(evalDir);
const train = data.rows.filter((r) => r.split === "train");
console.error(`fitting on ${train.length} train rows of ${data.rows.length} (sha256 ${data.sha256.slice(0, 12)}…)`);
const prepared = await prepareRows(train, (n) => console.error(`embedded ${n}/${train.length}`));
const hp = defaultHyperparameters;
const model = fitInjectionModel(prepared, hp);

// Six significant digits keep the file small and the scores identical to the fourth decimal; the IDF needs four.
const compact = (xs: number[], digits = 6) => xs.map((x) => (x === 0 ? 0 : Number(x.toPrecision(digits))));
const fitRecordName = "injection-classifier.fit.json";
const classifier: InjectionClassifier = {
  format: "insight-injection-classifier/2",
  features: { embeddingModel: SENTENCE_ENCODER_ID, embeddingDims: prepared[0].dense.length, hashBuckets: HASH_BUCKETS, ngrams: NGRAM_DESCRIPTION },
  ngram: { weights: compact(model.base.ngram.sparseWeights), bias: Number(model.base.ngram.bias.toPrecision(8)), idf: compact(model.base.idf, 4) },
  embedding: { weights: compact(model.base.embedding.denseWeights), bias: Number(model.base.embedding.bias.toPrecision(8)) },
  combiner: model.combiner,
  fitRecord: fitRecordName,
};

const flags = prepared.map((r) => combineScores(model.combiner, { signatureScore: r.signatureScore, ...baseLogits(model.base, r.dense, r.counts) }) >= model.combiner.threshold);
const count = (pred: (i: number) => boolean) => prepared.filter((_, i) => pred(i)).length;
const byGroup: Record<string, Record<string, number>> = {};
for (const r of prepared) {
  byGroup[r.group] ??= {};
  byGroup[r.group][r.row.label] = (byGroup[r.group][r.row.label] ?? 0) + 1;
}
const record = {
  fittedAt: new Date().toISOString(),
  script: "scripts/fit-injection-classifier.ts",
  data: { file: injectionDataRelativePath, sha256: data.sha256, totalRows: data.rows.length, split: "train", rows: train.length, byLabel: { injection: count((i) => prepared[i].label === 1), benign: count((i) => prepared[i].label === 0) }, bySourceGroup: byGroup },
  features: classifier.features,
  hyperparameters: hp,
  combiner: model.combiner,
  trainingFit: {
    note: "resubstitution on the train split (optimistic); held-out figures come from scripts/bench-safety.ts",
    truePositiveRate: count((i) => flags[i] && prepared[i].label === 1) / count((i) => prepared[i].label === 1),
    falsePositiveRate: count((i) => flags[i] && prepared[i].label === 0) / count((i) => prepared[i].label === 0),
  },
  runtime: { node: process.version, fitSeconds: Math.round((performance.now() - startedAt) / 100) / 10 },
};

const outDir = path.dirname(path.join(process.cwd(), INJECTION_CLASSIFIER_PATH));
writeFileSync(path.join(process.cwd(), INJECTION_CLASSIFIER_PATH), JSON.stringify(classifier) + "\n");
writeFileSync(path.join(outDir, fitRecordName), JSON.stringify(record, null, 2) + "\n");
console.log(JSON.stringify({ combiner: model.combiner, trainingFit: record.trainingFit, seconds: record.runtime.fitSeconds }, null, 2));
