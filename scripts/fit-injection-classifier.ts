// Fits the prompt-injection network on the TRAIN rows of eval.jsonl (label corrections applied),
// benign_everyday.jsonl, benign_prompts.jsonl and injections_extra.jsonl and writes
// models/safety/injection-classifier.json (weights, thresholds) and injection-classifier.fit.json (data
// sha256, rows, folds, hyper-parameters, out-of-fold validation figures). The test rows are never read here.
// Run: npx tsx --conditions=react-server scripts/fit-injection-classifier.ts   (about 3-6 min on 2 cores)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { defaultHyperparameters, fitInjectionModel, prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { NGRAM_DESCRIPTION } from "@/lib/safety/classifier/hash-features";
import { encodeFloats, type InjectionClassifierFile } from "@/lib/safety/classifier/injection-classifier-schema";
import { denseFeatureNames } from "@/lib/safety/classifier/injection-features";
import { INJECTION_CLASSIFIER_PATH } from "@/lib/safety/classifier/load-injection-classifier";
import { validationFigures } from "@/lib/safety/classifier/validation-figures";
import { describeSafetyFiles, readSafetyFiles } from "@/lib/safety/dataset/read-safety-files";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { FOLDS, VALIDATION_FOLD } from "@/lib/safety/dataset/validation-folds";
import { requireEvalDir } from "./require-eval-dir";

const evalDir = requireEvalDir();
const startedAt = performance.now();
const files = readSafetyFiles(evalDir);
const train = safetyRows(files).filter((r) => r.split === "train");
console.error(`fitting on ${train.length} train rows of ${describeSafetyFiles(files).length} files`);
const hp = defaultHyperparameters;
const prepared = prepareRows(train, hp.network.buckets);
const model = fitInjectionModel(prepared, hp, (step) => console.error(step));

const fitRecordName = "injection-classifier.fit.json";
const round = (x: number, digits = 6) => Number(x.toPrecision(digits));
const classifier: InjectionClassifierFile = {
  format: "insight-injection-classifier/3",
  features: { hashBuckets: hp.network.buckets, ngrams: NGRAM_DESCRIPTION, dense: denseFeatureNames },
  idf: encodeFloats(model.idf),
  network: {
    dim: model.network.dim,
    hidden: model.network.hidden,
    embedding: encodeFloats(model.network.embedding),
    w1: encodeFloats(model.network.w1),
    b1: Array.from(model.network.b1, (x) => round(x)),
    w2: Array.from(model.network.w2, (x) => round(x)),
    b2: round(model.network.b2),
    skip: Array.from(model.network.skip, (x) => round(x)),
  },
  thresholds: { ...model.thresholds, prompt: round(model.thresholds.prompt), document: round(model.thresholds.document) },
  fitRecord: fitRecordName,
};

const count = (key: (r: (typeof train)[number]) => string) =>
  train.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
const isValidation = (r: (typeof prepared)[number]) => r.fold === VALIDATION_FOLD;
const record = {
  fittedAt: new Date().toISOString(),
  script: "scripts/fit-injection-classifier.ts",
  data: {
    files: describeSafetyFiles(files),
    split: "train",
    rows: train.length,
    byLabel: count((r) => (r.label ? "injection" : "benign")),
    byGroup: count((r) => `${r.group}|${r.label ? "injection" : "benign"}`),
  },
  protocol: {
    folds: FOLDS,
    validationFold: VALIDATION_FOLD,
    description:
      "train rows of each group (eval.jsonl source group or benign_everyday category) ordered by a salted sha256 of their key and dealt into folds; thresholds from out-of-fold logits over all folds; the final network is fitted on every train row",
  },
  features: classifier.features,
  hyperparameters: hp,
  thresholds: model.thresholds,
  validation: {
    note: "out-of-fold logits (each train row scored by the network fitted without its fold); test rows are not read",
    outOfFold: {
      prompt: validationFigures(prepared, model.outOfFold, model.thresholds, "prompt"),
      document: validationFigures(prepared, model.outOfFold, model.thresholds, "document"),
    },
    validationFold: { prompt: validationFigures(prepared, model.outOfFold, model.thresholds, "prompt", isValidation) },
  },
  runtime: { node: process.version, fitSeconds: Math.round((performance.now() - startedAt) / 100) / 10 },
};

const outDir = path.dirname(path.join(process.cwd(), INJECTION_CLASSIFIER_PATH));
writeFileSync(path.join(process.cwd(), INJECTION_CLASSIFIER_PATH), `${JSON.stringify(classifier)}\n`);
writeFileSync(path.join(outDir, fitRecordName), `${JSON.stringify(record, null, 2)}\n`);
console.log(
  JSON.stringify(
    {
      thresholds: model.thresholds,
      validation: { tpr: record.validation.outOfFold.prompt.tpr, evalBenignFpr: record.validation.outOfFold.prompt.evalBenignFpr },
      seconds: record.runtime.fitSeconds,
    },
    null,
    2,
  ),
);
process.exit(0);
