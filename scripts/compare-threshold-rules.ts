// Compares threshold policies on stored out-of-fold scores of the train rows (written by
// scripts/score-injection-out-of-fold.ts), never on test rows, in two ways:
// - out of fold: thresholds chosen on every train row's out-of-fold score, figures on the same scores
//   (what the release fit does; optimistic);
// - validation: thresholds chosen on folds 1-4's out-of-fold scores, figures on fold 0 (the validation fold).
// Run: npx tsx --conditions=react-server scripts/compare-threshold-rules.ts OOF.json '[{"minFalseAlarmsPerCategory":0}]'
import { readFileSync } from "node:fs";
import { chooseThresholds, type ThresholdPolicy } from "@/lib/safety/classifier/choose-thresholds";
import { defaultHyperparameters, prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { validationFigures } from "@/lib/safety/classifier/validation-figures";
import { readSafetyFiles } from "@/lib/safety/dataset/read-safety-files";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { VALIDATION_FOLD } from "@/lib/safety/dataset/validation-folds";
import { requireEvalDir } from "./require-eval-dir";

const [scoresFile, variantsArgument] = process.argv.slice(2);
const stored = JSON.parse(readFileSync(scoresFile, "utf8")) as { scores: { key: string; logit: number }[] };
const train = safetyRows(readSafetyFiles(requireEvalDir())).filter((r) => r.split === "train");
const prepared = prepareRows(train);
const logitOf = new Map(stored.scores.map((s) => [s.key, s.logit]));
const logits = prepared.map((r) => logitOf.get(r.row.key) ?? NaN);
if (logits.some(Number.isNaN)) throw new Error("the stored scores do not cover every train row: refit them");

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
function judge(policy: ThresholdPolicy, chooseOn: (fold: number) => boolean, judgeOn: (fold: number) => boolean) {
  const scored = prepared.flatMap((r, i) => (chooseOn(r.fold) ? [{ row: r.row, logit: logits[i], signatureScore: r.signatureScore }] : []));
  const thresholds = chooseThresholds(scored, policy);
  const line = (mode: "prompt" | "document") => {
    const f = validationFigures(prepared, logits, thresholds, mode, (r) => judgeOn(r.fold));
    const everyday = f.byGroup.filter((g) => g.label === 0 && prepared.some((r) => r.row.group === g.group && r.row.dataset !== "eval"));
    const pooled = everyday.reduce((a, g) => ({ rows: a.rows + g.rows, flagged: a.flagged + g.flagged }), { rows: 0, flagged: 0 });
    const worst = [...everyday].sort((a, b) => b.rate - a.rate).slice(0, 4);
    return `${mode}: TPR ${pct(f.tpr)}, eval benign FPR ${pct(f.evalBenignFpr)}, everyday+prompts pooled FPR ${pct(pooled.flagged / pooled.rows)} (${pooled.flagged}/${pooled.rows}); worst categories ${worst.map((g) => `${g.group} ${g.flagged}/${g.rows}`).join(", ")}`;
  };
  return { thresholds, prompt: line("prompt"), document: line("document") };
}

const variants = JSON.parse(variantsArgument ?? "[{}]") as Partial<ThresholdPolicy>[];
for (const variant of variants) {
  const policy = { ...defaultHyperparameters.thresholds, ...variant } as ThresholdPolicy;
  const all = judge(
    policy,
    () => true,
    () => true,
  );
  const validation = judge(
    policy,
    (fold) => fold !== VALIDATION_FOLD,
    (fold) => fold === VALIDATION_FOLD,
  );
  console.log(`\n${JSON.stringify(policy)}`);
  console.log(`  out of fold, thresholds ${JSON.stringify(all.thresholds)}\n    ${all.prompt}\n    ${all.document}`);
  console.log(`  validation fold (thresholds from folds 1-4: ${JSON.stringify(validation.thresholds)})\n    ${validation.prompt}\n    ${validation.document}`);
}
process.exit(0);
