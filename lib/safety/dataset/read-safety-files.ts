import { benignEverydayRelativePath, readBenignEveryday } from "./read-benign-everyday";
import { injectionDataRelativePath, labelCorrectionsRelativePath, readInjectionData } from "./read-injection-data";
import { benignPromptsRelativePath, injectionsExtraRelativePath, readBenignPrompts, readInjectionsExtra } from "./read-prompt-rows";
import type { SafetyFiles } from "./safety-rows";

/** All four evaluation files of the injection detector (corrections applied), and their digests for fit records and reports. */
export function readSafetyFiles(evalDataDir: string): Required<SafetyFiles> {
  return {
    injection: readInjectionData(evalDataDir),
    everyday: readBenignEveryday(evalDataDir),
    prompts: readBenignPrompts(evalDataDir),
    extra: readInjectionsExtra(evalDataDir),
  };
}

/** File, sha256 and row counts of each file read, in a fixed order (what a fit record pins). */
export function describeSafetyFiles(files: Required<SafetyFiles>) {
  const entry = (file: string, sha256: string, rows: { split: string }[]) => ({
    file,
    sha256,
    totalRows: rows.length,
    trainRows: rows.filter((r) => r.split === "train").length,
    testRows: rows.filter((r) => r.split === "test").length,
  });
  return [
    entry(injectionDataRelativePath, files.injection.sha256, files.injection.rows),
    { file: labelCorrectionsRelativePath, sha256: files.injection.corrections.sha256, applied: files.injection.corrections.applied },
    entry(benignEverydayRelativePath, files.everyday.sha256, files.everyday.rows),
    entry(benignPromptsRelativePath, files.prompts.sha256, files.prompts.rows),
    entry(injectionsExtraRelativePath, files.extra.sha256, files.extra.rows),
  ];
}
