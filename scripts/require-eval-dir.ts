import { getEnv } from "../lib/env";

/** The evaluation data folder every benchmark script reads, or a clear exit when it is absent. */
export function requireEvalDir(): string {
  const evalDir = getEnv().evalDataDir;
  if (!evalDir) {
    console.error("No evaluation data: set EVAL_DATA_DIR, or place the data at ../shared/eval beside the project.");
    process.exit(1);
  }
  return evalDir;
}
