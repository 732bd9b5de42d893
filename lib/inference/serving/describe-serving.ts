import "server-only";
import { getModelStore } from "../../models/get-model-store";
import { modelRoles } from "./model-roles";
import { askableVariants } from "./resolve-variants";
import type { ServingRoleView } from "./serving-schema";
import { getServingDefaults } from "./serving-defaults";

/** GET /api/v1/models `serving`: per role, the serving default with the figures that chose it, and what may be asked for. */
export async function describeServing(): Promise<ServingRoleView[]> {
  const serving = await getServingDefaults();
  const store = getModelStore();
  return Promise.all(
    modelRoles.map(async (role) => {
      const r = serving[role];
      const { servingDefault: chosen } = r;
      const unavailable = await Promise.all(
        r.members
          .filter((m) => !m.available)
          .map(async (m) => {
            const resolution = await store.resolve(m.modelId);
            return { model_id: m.modelId, reason: resolution.available ? "available now" : resolution.reason };
          }),
      );
      return {
        role,
        task: store.get(r.baseModelId)!.task,
        family: r.family,
        base_model: r.baseModelId,
        serving_default: { model_id: chosen.modelId, variant: chosen.variant, rule: chosen.rule, reason: chosen.reason },
        considered: chosen.considered.map((c) => ({
          model_id: c.modelId,
          variant: c.variant,
          p50_ms: c.p50Ms,
          accuracy: c.accuracy && {
            metric: c.accuracy.metric,
            value: c.accuracy.value,
            higher_is_better: c.accuracy.higherIsBetter,
            dataset: c.accuracy.dataset,
          },
          loss_points: c.lossPoints,
          eligible: c.eligible,
          why: c.why,
        })),
        figures_from: r.figuresFrom,
        can_ask_for: askableVariants(r),
        unavailable,
      };
    }),
  );
}
