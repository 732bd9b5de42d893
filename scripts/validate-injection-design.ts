// Compares variants of the injection network on the validation protocol only (out-of-fold scores of the
// train hash folds; the test rows are never read): out-of-fold TPR and eval benign FPR at thresholds
// chosen by the same policy, for the shipped hyper-parameters and the variants given.
// Run: npx tsx --conditions=react-server scripts/validate-injection-design.ts '[{"everydayWeight":1},{"network":{"dim":32,"hidden":32}}]'
import { chooseThresholds } from "@/lib/safety/classifier/choose-thresholds";
import { defaultHyperparameters, outOfFoldLogits, prepareRows, type Hyperparameters } from "@/lib/safety/classifier/fit-injection-model";
import { validationFigures } from "@/lib/safety/classifier/validation-figures";
import { readBenignEveryday } from "@/lib/safety/dataset/read-benign-everyday";
import { readInjectionData } from "@/lib/safety/dataset/read-injection-data";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { requireEvalDir } from "./require-eval-dir";

const evalDir = requireEvalDir();
const train = safetyRows(readInjectionData(evalDir), readBenignEveryday(evalDir)).filter((r) => r.split === "train");
const variants: Partial<Hyperparameters>[] = [{}, ...JSON.parse(process.argv[2] ?? "[]")];
const prepared = new Map<number, ReturnType<typeof prepareRows>>();
for (const variant of variants) {
  const hp = { ...defaultHyperparameters, ...variant, network: { ...defaultHyperparameters.network, ...variant.network } } as Hyperparameters;
  if (!prepared.has(hp.network.buckets)) prepared.set(hp.network.buckets, prepareRows(train, hp.network.buckets));
  const rows = prepared.get(hp.network.buckets)!;
  const startedAt = performance.now();
  const logits = outOfFoldLogits(rows, hp);
  const thresholds = chooseThresholds(
    rows.map((r, i) => ({ row: r.row, logit: logits[i], signatureScore: r.signatureScore })),
    hp.thresholds,
  );
  const figures = validationFigures(rows, logits, thresholds, "prompt");
  const everyday = figures.byGroup.filter((g) => g.label === 0 && !["promptshield", "PIGuard-wildguard", "PIGuard-NotInject"].includes(g.group));
  console.log(
    `${JSON.stringify(variant)}: out-of-fold TPR ${(100 * figures.tpr).toFixed(1)}% at eval benign FPR ${(100 * figures.evalBenignFpr).toFixed(1)}%; ` +
      `everyday FPR max ${(100 * Math.max(...everyday.map((g) => g.rate))).toFixed(1)}%; ` +
      figures.byGroup
        .filter((g) => g.label === 1)
        .map((g) => `${g.group} ${(100 * g.rate).toFixed(0)}%`)
        .join(", ") +
      ` (${Math.round((performance.now() - startedAt) / 1000)} s)`,
  );
}
process.exit(0);
