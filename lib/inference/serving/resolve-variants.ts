import "server-only";
import { InvalidArgumentError, ModelUnavailableError } from "../../domain-errors";
import { getModelStore } from "../../models/get-model-store";
import { loadRecipes } from "../../models/parse-recipe";
import { recipeVariantKind } from "../../models/recipe-schema";
import type { ModelRole, VariantKind } from "./model-roles";
import { variantKinds } from "./model-roles";
import type { RoleServing } from "./serving-defaults";

/**
 * Turns a request's variant choice for a role into the model id that will run: the serving default
 * when it names none; the family's member of a kind (`quantized`: the fastest measured one, the
 * serving default when it is of that kind); or an exact model id of the family.
 *  - a name that is neither a kind nor a model of the family: InvalidArgumentError (400) naming `variants.<role>`;
 *  - a kind the family has no member or recipe for (a pruned vendor classifier): the same 400;
 *  - a kind a recipe exists for but the lab has not produced here yet, or a member whose files are
 *    missing: ModelUnavailableError, answered like any unavailable model (the task says
 *    `available: false` in image-text, 503 model_unavailable for a document).
 */

export interface ResolvedModel {
  role: ModelRole;
  modelId: string;
  chosenBy: "request" | "serving_default";
}

/** The model a role runs for this request; throws as described above. */
export function resolveModel(role: RoleServing, choice: string | undefined): ResolvedModel {
  return choice === undefined
    ? { role: role.role, modelId: role.servingDefault.modelId, chosenBy: "serving_default" }
    : { role: role.role, modelId: resolveChoice(role, choice), chosenBy: "request" };
}

/** The variants one may ask for in a role, as the request names them. */
export function askableVariants(role: RoleServing): string[] {
  const kinds = variantKinds.filter((kind) => role.members.some((m) => m.variant === kind));
  return [...kinds, ...role.members.map((m) => m.modelId)];
}

function resolveChoice(role: RoleServing, choice: string): string {
  const field = `variants.${role.role}`;
  if ((variantKinds as readonly string[]).includes(choice)) return memberOfKind(role, choice as VariantKind, field);
  const entry = getModelStore().get(choice);
  if (!entry || !role.members.some((m) => m.modelId === choice)) {
    const why = entry ? `"${choice}" is a ${entry.task} model of family ${entry.family}, not of ${role.family}` : `unknown variant "${choice.slice(0, 100)}"`;
    throw new InvalidArgumentError(`${field}: ${why}. Ask for one of: ${askableVariants(role).join(", ")}.`, { field, message: why });
  }
  return choice;
}

function memberOfKind(role: RoleServing, kind: VariantKind, field: string): string {
  if (role.servingDefault.variant === kind) return role.servingDefault.modelId;
  const ofKind = role.members.filter((m) => m.variant === kind);
  if (ofKind.length > 0) {
    // The fastest measured member of the kind; unmeasured ones after, in id order, so the choice is stable.
    const ranked = [...ofKind].sort((a, b) => (a.p50Ms ?? Infinity) - (b.p50Ms ?? Infinity) || a.modelId.localeCompare(b.modelId));
    return ranked[0].modelId;
  }
  const recipes = loadRecipes().filter((r) => recipeVariantKind(r) === kind && role.members.some((m) => m.modelId === r.parent));
  if (recipes.length > 0) {
    throw new ModelUnavailableError(
      recipes[0].id,
      `No ${kind} variant of ${role.family} has been produced on this instance yet (recipes: ${recipes.map((r) => r.id).join(", ")}); the model lab produces them (POST /api/v1/models/variants). GET /api/v1/models lists what can be asked for now.`,
    );
  }
  const why = `${role.family} has no ${kind} variant`;
  throw new InvalidArgumentError(`${field}: ${why}. Ask for one of: ${askableVariants(role).join(", ")}.`, { field, message: why });
}
