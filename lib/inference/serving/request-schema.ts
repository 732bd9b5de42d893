import { z } from "zod";
import { type ModelRole, variantKinds } from "./model-roles";

/**
 * The `tasks` and `variants` members of the analysis requests, shared by image-text and documents.
 * Multipart carries text parts only, so there `tasks` may be a comma-separated list and `variants`
 * a JSON object in one text part; JSON bodies send an array and an object.
 */

const fromText = (parse: (text: string) => unknown) => (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return parse(value.trim());
  } catch {
    return value; // left as the string, so the schema's own message says what was expected
  }
};

export function tasksSchema<const T extends readonly [string, ...string[]]>(tasks: T, implications: string) {
  return z
    .preprocess(
      fromText((text) => (text.startsWith("[") ? JSON.parse(text) : text.split(",").map((t) => t.trim()))),
      z
        .array(z.enum(tasks, { error: (issue) => `unknown task ${JSON.stringify(issue.input)}; the tasks are ${tasks.join(", ")}` }), {
          error: "must be a list of task names",
        })
        .min(1, "name at least one task (leave `tasks` out for all of them)")
        .refine((list) => new Set(list).size === list.length, "names a task twice"),
    )
    .optional()
    .describe(
      `Which tasks to run: any of ${tasks.join(", ")} (default: all). Tasks not asked for are not run at all and are absent from the response; \`tasks\` in the response lists what ran. ${implications} In multipart, a comma-separated text part ("labels,objects") or a JSON array.`,
    );
}

const variantChoice = z
  .string()
  .min(1)
  .max(100)
  .describe(`${variantKinds.join(", ")}, or an exact model id of the role's family (GET /api/v1/models lists them per family)`);

export function variantsSchema<const R extends readonly ModelRole[]>(roles: R, roleHelp: string) {
  const shape = Object.fromEntries(roles.map((role) => [role, variantChoice.optional()])) as { [K in R[number]]: z.ZodOptional<typeof variantChoice> };
  return z
    .preprocess(
      fromText((text) => JSON.parse(text)),
      z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "must be an object of variant choices by role" : undefined) }),
    )
    .optional()
    .describe(
      `The model variant to run per role (${roleHelp}): ${variantKinds.join(", ")} or an exact model id of that family. A role left out runs its serving default (chosen from the lab's benchmark figures: the fastest variant within 1 point of full-precision accuracy on held-out images, else full precision; GET /api/v1/models shows it and why). \`models\` in the response names the model id and variant that ran for each task. A name that is not a variant of the family is a 400; a variant the lab has not produced yet (or whose file is missing) is unavailable like any model. In multipart, a JSON object in one text part.`,
    );
}
