// Re-chooses the injection network's thresholds with the current policy (lib/safety/classifier/
// choose-thresholds.ts, defaultHyperparameters.thresholds) from stored out-of-fold scores of the train
// rows, without refitting the network: the weights do not depend on the thresholds, and the
// out-of-fold scores are what scripts/fit-injection-classifier.ts chooses them from. Updates the
// thresholds in models/safety/injection-classifier.json and the fit record (policy, validation figures,
// the previous thresholds). Refuses scores of other data or of another network configuration.
// Run: npx tsx --conditions=react-server scripts/score-injection-out-of-fold.ts /tmp/oof.json
//      npx tsx --conditions=react-server scripts/rechoose-injection-thresholds.ts /tmp/oof.json
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { chooseThresholds } from "@/lib/safety/classifier/choose-thresholds";
import { defaultHyperparameters, prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { INJECTION_CLASSIFIER_PATH } from "@/lib/safety/classifier/load-injection-classifier";
import { validationFigures } from "@/lib/safety/classifier/validation-figures";
import { describeSafetyFiles, readSafetyFiles } from "@/lib/safety/dataset/read-safety-files";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { VALIDATION_FOLD } from "@/lib/safety/dataset/validation-folds";
import { requireEvalDir } from "./require-eval-dir";

const scoresFile = process.argv[2];
if (!scoresFile) {
  console.error("usage: rechoose-injection-thresholds.ts OUT-OF-FOLD-SCORES.json");
  process.exit(1);
}
const modelPath = path.join(process.cwd(), INJECTION_CLASSIFIER_PATH);
const recordPath = path.join(path.dirname(modelPath), "injection-classifier.fit.json");
const model = JSON.parse(readFileSync(modelPath, "utf8"));
const record = JSON.parse(readFileSync(recordPath, "utf8"));
const stored = JSON.parse(readFileSync(scoresFile, "utf8")) as {
  files: unknown;
  hyperparameters: typeof defaultHyperparameters;
  scores: { key: string; logit: number }[];
};

const files = readSafetyFiles(requireEvalDir());
const refuse = (why: string) => {
  console.error(`not re-choosing: ${why}`);
  process.exit(1);
};
if (!isDeepStrictEqual(stored.files, record.data.files) || !isDeepStrictEqual(describeSafetyFiles(files), record.data.files))
  refuse("the scores, the fit record and the data on disk do not name the same files (sha256)");
const { thresholds: _scoresPolicy, ...storedNetwork } = stored.hyperparameters;
const { thresholds: _recordPolicy, ...recordNetwork } = record.hyperparameters;
const { thresholds: policy, ...currentNetwork } = defaultHyperparameters;
if (!isDeepStrictEqual(storedNetwork, recordNetwork) || !isDeepStrictEqual(recordNetwork, currentNetwork))
  refuse("the scores come from another network configuration than the released weights: refit instead");

const train = safetyRows(files).filter((r) => r.split === "train");
const prepared = prepareRows(train, defaultHyperparameters.network.buckets);
const logitOf = new Map(stored.scores.map((s) => [s.key, s.logit]));
const logits = prepared.map((r) => logitOf.get(r.row.key) ?? NaN);
if (logits.some(Number.isNaN) || stored.scores.length !== prepared.length) refuse("the scores do not cover exactly the train rows");

const thresholds = chooseThresholds(
  prepared.map((r, i) => ({ row: r.row, logit: logits[i], signatureScore: r.signatureScore })),
  policy,
);
const previous = { thresholds: record.thresholds, policy: record.hyperparameters.thresholds, validation: record.validation };
// Unrounded: a threshold sits 1e-6 above a benign row's score, and rounding could put it below.
model.thresholds = thresholds;
const isValidation = (r: (typeof prepared)[number]) => r.fold === VALIDATION_FOLD;
const updated = {
  ...record,
  hyperparameters: defaultHyperparameters,
  thresholds,
  thresholdsChosen: {
    at: new Date().toISOString(),
    script: "scripts/rechoose-injection-thresholds.ts",
    note: "thresholds re-chosen by the current policy from the out-of-fold scores of the released network (recomputed by scripts/score-injection-out-of-fold.ts: the same folds and fits as the release fit); the weights are unchanged",
    previous: previous.thresholds,
    previousPolicy: previous.policy,
    previousValidation: previous.validation,
  },
  validation: {
    ...record.validation,
    outOfFold: {
      prompt: validationFigures(prepared, logits, thresholds, "prompt"),
      document: validationFigures(prepared, logits, thresholds, "document"),
    },
    validationFold: { prompt: validationFigures(prepared, logits, thresholds, "prompt", isValidation) },
  },
};
writeFileSync(modelPath, `${JSON.stringify(model)}\n`);
writeFileSync(recordPath, `${JSON.stringify(updated, null, 2)}\n`);
console.log(JSON.stringify({ previous: previous.thresholds, thresholds, outOfFoldTpr: updated.validation.outOfFold.prompt.tpr }, null, 2));
process.exit(0);
