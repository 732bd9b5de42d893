// Compares variants of the injection network on the validation protocol only (the test rows are never
// read): by default one network per variant fitted on train folds 1-4 and scored on the validation fold
// (fold 0), thresholds chosen on those scores by the shipped policy; --out-of-fold uses all five folds
// (five fits per variant). Prints TPR, eval benign FPR, the highest benign FPRs and TPR per attack group.
// --loso runs leave-one-source-out on train rows instead; --no-baseline skips the shipped configuration;
// --write-docs=NAME writes the lines between the NAME markers of the docs.
// Run: npx tsx --conditions=react-server scripts/validate-injection-design.ts '[{"everydayWeight":1},{"network":{"dim":32,"hidden":32}}]'
import os from "node:os";
import { readCpuFeatures } from "@/lib/inference/read-cpu-features";
import { leaveOneSourceOut } from "@/lib/safety/benchmark/leave-one-source-out";
import { chooseThresholds } from "@/lib/safety/classifier/choose-thresholds";
import { defaultHyperparameters, outOfFoldLogits, prepareRows, validationFoldLogits, type Hyperparameters } from "@/lib/safety/classifier/fit-injection-model";
import { validationFigures } from "@/lib/safety/classifier/validation-figures";
import { readSafetyFiles } from "@/lib/safety/dataset/read-safety-files";
import { safetyRows } from "@/lib/safety/dataset/safety-rows";
import { requireEvalDir } from "./require-eval-dir";
import { writeReadmeSection } from "./write-readme-section";

const evalDir = requireEvalDir();
const train = safetyRows(readSafetyFiles(evalDir)).filter((r) => r.split === "train");
const outOfFold = process.argv.includes("--out-of-fold");
// --loso: leave-one-source-out on train rows only (each source's train rows scored by a network fitted
// on the other sources' folds 1-4, thresholds on their fold 0), instead of the validation fold.
const loso = process.argv.includes("--loso");
const variantArgument = process.argv.slice(2).find((a) => !a.startsWith("--"));
// --no-baseline: the shipped configuration is left out (it is deterministic, so a second process comparing
// other variants in parallel need not refit it).
const variants: Partial<Hyperparameters>[] = [...(process.argv.includes("--no-baseline") ? [] : [{}]), ...JSON.parse(variantArgument ?? "[]")];
// --write-docs=NAME puts the printed lines between the NAME markers of the docs (design figures are
// written by the script that measured them, never typed).
const docsSection = process.argv.find((a) => a.startsWith("--write-docs="))?.slice("--write-docs=".length);
const loadAtStart = os.loadavg()[0];
const lines: string[] = [];
const report = (line: string) => {
  console.log(line);
  lines.push(line);
};
const prepared = new Map<number, ReturnType<typeof prepareRows>>();
for (const variant of variants) {
  const hp = { ...defaultHyperparameters, ...variant, network: { ...defaultHyperparameters.network, ...variant.network } } as Hyperparameters;
  if (!prepared.has(hp.network.buckets)) prepared.set(hp.network.buckets, prepareRows(train, hp.network.buckets));
  const rows = prepared.get(hp.network.buckets)!;
  const startedAt = performance.now();
  if (loso) {
    const figures = leaveOneSourceOut(rows, rows, hp);
    const share = (x?: number) => (x === undefined ? "–" : `${(100 * x).toFixed(1)}%`);
    report(
      `${JSON.stringify(variant)} leave-one-source-out on train: ${figures.map((f) => `${f.source} ${share(f.tpr)}`).join(", ")} (${Math.round((performance.now() - startedAt) / 1000)} s)`,
    );
    continue;
  }
  const logits = outOfFold ? outOfFoldLogits(rows, hp) : validationFoldLogits(rows, hp);
  const scored = rows.flatMap((r, i) => (Number.isNaN(logits[i]) ? [] : [{ row: r.row, logit: logits[i], signatureScore: r.signatureScore }]));
  const thresholds = chooseThresholds(scored, hp.thresholds);
  const figures = validationFigures(rows, logits, thresholds, "prompt");
  const benign = figures.byGroup.filter((g) => g.label === 0);
  const worst = [...benign].sort((a, b) => b.rate - a.rate).slice(0, 3);
  report(
    `${JSON.stringify(variant)}: ${outOfFold ? "out-of-fold" : "validation-fold"} TPR ${(100 * figures.tpr).toFixed(1)}% at eval benign FPR ${(100 * figures.evalBenignFpr).toFixed(1)}%; ` +
      `highest benign FPR ${worst.map((g) => `${g.group} ${(100 * g.rate).toFixed(1)}%`).join(", ")}; ` +
      figures.byGroup
        .filter((g) => g.label === 1)
        .map((g) => `${g.group} ${(100 * g.rate).toFixed(0)}%`)
        .join(", ") +
      ` (${Math.round((performance.now() - startedAt) / 1000)} s)`,
  );
}
if (docsSection) {
  const cpu = readCpuFeatures();
  const protocol = loso ? "leave-one-source-out on train rows" : outOfFold ? "out of fold (five folds)" : "validation fold (fitted on folds 1-4)";
  writeReadmeSection(
    docsSection,
    [
      `Written by \`scripts/validate-injection-design.ts ${process.argv.slice(2).join(" ")}\` on ${new Date().toISOString().slice(0, 10)}: ${protocol}, train rows only. ` +
        `${cpu.model} (${os.cpus().length} cores; CPU flags: ${cpu.flags.join(", ")}; Node ${process.version}), shared with other jobs (load average ${loadAtStart.toFixed(1)} at the start), so fit times are upper bounds.`,
      "",
      ...lines.map((line) => `- ${line}`),
    ].join("\n"),
  );
}
process.exit(0);
