/**
 * The tasks of a document analysis. OCR is what every other task reads, so it always runs; the
 * answer to a query uses the key fields (a "total?" is answered from the total found), so asking for
 * `answer` runs `key_fields` too. `safety` is the indirect-injection check of the page's text.
 */

export const documentTasks = ["ocr", "key_fields", "language", "answer", "safety"] as const;
export type DocumentTask = (typeof documentTasks)[number];

export const DOCUMENT_IMPLICATIONS =
  "`ocr` always runs (every task reads its lines); `answer` also runs key_fields, and needs `query` when asked for by name (by default it answers null without a query).";

/** The tasks to run, in the canonical order: those asked (all by default) and what they need. */
export function documentTasksToRun(asked: readonly DocumentTask[] | undefined): DocumentTask[] {
  const wanted = new Set<DocumentTask>(asked ?? documentTasks);
  wanted.add("ocr");
  if (wanted.has("answer")) wanted.add("key_fields");
  return documentTasks.filter((task) => wanted.has(task));
}
