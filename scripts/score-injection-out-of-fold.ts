// Scores every TRAIN row of the four safety files out of fold (each row by the network fitted without its
// hash fold, exactly as scripts/fit-injection-classifier.ts does before choosing thresholds) and writes
// the scores to a file, so that a threshold rule can be re-chosen and compared without refitting.
// The test rows are never read. Run:
//   nice -n 5 npx tsx --conditions=react-server scripts/score-injection-out-of-fold.ts OUT.json
import { writeFileSync } from "node:fs";
import { defaultHyperparameters, outOfFoldLogits, prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { describeSafetyFiles, readSafetyFiles } from "@/lib/safety/dataset/read-safety-files";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { requireEvalDir } from "./require-eval-dir";

const out = process.argv[2];
if (!out) {
  console.error("usage: score-injection-out-of-fold.ts OUT.json");
  process.exit(1);
}
const files = readSafetyFiles(requireEvalDir());
const train = safetyRows(files).filter((r) => r.split === "train");
const prepared = prepareRows(train, defaultHyperparameters.network.buckets);
const logits = outOfFoldLogits(prepared, defaultHyperparameters, (fold) => console.error(`fold ${fold + 1}`));
const scores = prepared.map((r, i) => ({ key: r.row.key, fold: r.fold, logit: logits[i], signatureScore: r.signatureScore }));
writeFileSync(out, `${JSON.stringify({ files: describeSafetyFiles(files), hyperparameters: defaultHyperparameters, scores })}\n`);
process.exit(0);
