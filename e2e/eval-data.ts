import { existsSync } from "node:fs";
import path from "node:path";

/** The public evaluation data folder (../shared/eval unless EVAL_DATA_DIR says otherwise), or undefined. */
export const evalDataDir = (() => {
  const dir = process.env.EVAL_DATA_DIR ? path.resolve(process.env.EVAL_DATA_DIR) : path.resolve("..", "shared", "eval");
  return existsSync(dir) ? dir : undefined;
})();

export const evalPhoto = (name: string) => path.join(evalDataDir ?? "", "images", "photos", name);
