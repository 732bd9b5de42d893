/**
 * Chooses the text-image relation thresholds on the validation captions of
 * lib/analyze/image-text/relation-cases.ts and reports them, with the earlier defaults, on the
 * validation and (once) the test captions. The chosen values go into RELATION_THRESHOLDS by hand;
 * lib/analyze/image-text/relation-cases.eval.test.ts checks that they are still the validation choice.
 *
 *   npx tsx --conditions=react-server scripts/choose-relation-thresholds.ts [--markdown]
 */
import { chooseRelationThresholds, prepareRelationCases, RELATION_THRESHOLDS, scoreRelation } from "../lib/analyze/image-text/evaluate-relation";
import { requireEvalDir } from "./require-eval-dir";

const prepared = await prepareRelationCases(requireEvalDir());
const validation = prepared.filter((c) => c.split === "validation");
const test = prepared.filter((c) => c.split === "test");
const chosen = chooseRelationThresholds(validation);
const earlier = { semanticMinSimilarity: 0.6, semanticMargin: 0.1, recognisableSimilarity: 0.7 };
const fmt = (t: typeof earlier) => `${t.semanticMinSimilarity} / ${t.semanticMargin} / ${t.recognisableSimilarity}`;
const pct = (s: ReturnType<typeof scoreRelation>) => `${(s.accuracy * 100).toFixed(1)}% (${s.correct}/${s.terms})`;
const photos = (cases: typeof prepared) => new Set(cases.map((c) => c.photo)).size;
const rows = [
  ["earlier defaults (set by looking at eval captions)", earlier],
  [`chosen on validation (best of ${chosen.candidates})`, chosen.thresholds],
  ["in the code now (RELATION_THRESHOLDS)", RELATION_THRESHOLDS],
] as const;
console.log(
  [
    `| thresholds (min similarity / margin / recognisable) | | validation terms (${validation.length} captions, ${photos(validation)} photos) | test terms (${test.length} captions, ${photos(test)} photos) |`,
    "|---|---|---:|---:|",
    ...rows.map(([label, t]) => `| ${label} | ${fmt(t)} | ${pct(scoreRelation(validation, t))} | ${pct(scoreRelation(test, t))} |`),
  ].join("\n"),
);
if (!process.argv.includes("--markdown")) {
  const misses = scoreRelation(test, RELATION_THRESHOLDS).misses;
  console.log(
    `\ntest misses with RELATION_THRESHOLDS: ${misses.map((m) => `${m.photo} "${m.term}": expected ${m.expected}, got ${m.predicted}`).join("; ") || "none"}`,
  );
  console.log(
    `validation misses with the chosen thresholds: ${chosen.score.misses.map((m) => `${m.photo} "${m.term}": expected ${m.expected}, got ${m.predicted}`).join("; ") || "none"}`,
  );
}
