import "server-only";
import { readBenignEveryday } from "../dataset/read-benign-everyday";
import { readInjectionData } from "../dataset/read-injection-data";
import { safetyRows } from "../dataset/safety-rows";
import { scoreTestRows } from "./measure-test-split";
import { summarizeTestSplit } from "./summarize-test-split";

/** Reads both evaluation files and measures the shipped detector on their test rows (benchmark script and start-up model lab). */
export async function measureSafetyTestSplit(evalDir: string, onProgress?: (done: number, total: number) => void) {
  const injection = readInjectionData(evalDir);
  const everyday = readBenignEveryday(evalDir);
  const rows = safetyRows(injection, everyday);
  const test = rows.filter((r) => r.split === "test");
  const { scored, thresholds, format } = await scoreTestRows(test, (done) => onProgress?.(done, test.length));
  return { injection, everyday, rows, testSplit: summarizeTestSplit(scored), model: { format, thresholds } };
}
