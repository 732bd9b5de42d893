import type { ModelRole } from "../../inference/serving/model-roles";

/**
 * The tasks of an image-text analysis and what each needs. A task not asked for is not run, except
 * where another asked-for task needs its output: the relation weighs the labels, objects, OCR text
 * and image facts as evidence, and the safety checks read the text in the image (OCR) for hidden
 * instructions and personal data. Those needed tasks run and are returned like asked ones.
 */

export const imageTextTasks = ["labels", "objects", "ocr", "facts", "relation", "safety"] as const;
export type ImageTextTask = (typeof imageTextTasks)[number];

const needs: Partial<Record<ImageTextTask, ImageTextTask[]>> = {
  relation: ["labels", "objects", "ocr", "facts"],
  safety: ["ocr"],
};

export const IMAGE_TEXT_IMPLICATIONS =
  "`relation` also runs labels, objects, ocr and facts (its evidence); `safety` also runs ocr (it checks the text in the image).";

/** The tasks to run, in the canonical order: those asked (all by default) and what they need. */
export function imageTextTasksToRun(asked: readonly ImageTextTask[] | undefined): ImageTextTask[] {
  const wanted = new Set<ImageTextTask>(asked ?? imageTextTasks);
  for (const task of [...wanted]) for (const needed of needs[task] ?? []) wanted.add(needed);
  return imageTextTasks.filter((task) => wanted.has(task));
}

/** The model roles a set of tasks runs. */
export function rolesFor(tasks: readonly ImageTextTask[]): ModelRole[] {
  return [
    ...(tasks.includes("labels") ? (["classifier"] as const) : []),
    ...(tasks.includes("objects") ? (["detector"] as const) : []),
    ...(tasks.includes("ocr") ? (["ocr_detection", "ocr_recognition"] as const) : []),
  ];
}
