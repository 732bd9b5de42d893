import "server-only";
import { readSafetyFiles } from "../dataset/read-safety-files";
import { safetyRows } from "../dataset/safety-rows";
import { attacksSeenInTrain } from "./attack-overlap";
import { scoreTestRows } from "./measure-test-split";
import { summarizeTestSplit } from "./summarize-test-split";

/** Reads the four evaluation files and measures the shipped detector on their test rows (benchmark script and start-up model lab). */
export async function measureSafetyTestSplit(evalDir: string, onProgress?: (done: number, total: number) => void) {
  const files = readSafetyFiles(evalDir);
  const rows = safetyRows(files);
  const test = rows.filter((r) => r.split === "test");
  const { scored, thresholds, format } = await scoreTestRows(test, (done) => onProgress?.(done, test.length));
  return { files, rows, testSplit: summarizeTestSplit(scored, attacksSeenInTrain(rows)), model: { format, thresholds } };
}
