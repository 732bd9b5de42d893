import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "@/lib/domain-errors";
import { issuesFromZod } from "@/lib/errors";
import { recipeSchema, type Recipe } from "./recipe-schema";

/** Validates a recipe; a bad one is an InvalidArgumentError naming each bad field. */
export function parseRecipe(input: unknown, source = "recipe"): Recipe {
  const result = recipeSchema.safeParse(input);
  if (!result.success) {
    const errors = issuesFromZod(result.error);
    throw new InvalidArgumentError(`${source} is not a valid optimisation recipe: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);
  }
  return result.data;
}

export const RECIPES_DIR = path.join(process.cwd(), "models", "recipes");

/** Every checked-in recipe, validated; ids must be unique. */
export function loadRecipes(dir = RECIPES_DIR): Recipe[] {
  // The ignore comments stop the build tracing the whole project for these run-time paths (the
  // `dir` argument may be any folder); models/ is listed in next.config.ts's tracing includes instead.
  const recipes = readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8"));
      } catch (error) {
        throw new InvalidArgumentError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
      return parseRecipe(json, file);
    });
  const seen = new Set<string>();
  for (const recipe of recipes) {
    if (seen.has(recipe.id)) throw new InvalidArgumentError(`two recipes produce the variant id "${recipe.id}"`);
    seen.add(recipe.id);
  }
  return recipes;
}
