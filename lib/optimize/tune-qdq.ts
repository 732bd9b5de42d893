import "server-only";
import type { TensorRange } from "./calibrate-ranges";
import { cloneModel } from "./model-file";
import type { ModelProto } from "./onnx-proto";
import { planQdq, type QdqPlan, type QdqPlanOptions } from "./plan-qdq";

/**
 * Accuracy-aware tuning of a static QDQ plan: which parts stay fp32 so the int8 model still agrees
 * with its parent on the calibration inputs (`judge`, the task's agreement metric, >= target).
 *  - "sensitivity": every activation tensor is quantized on its own and the output error it causes
 *    is measured (`error`, relative L2 of the raw output); tensors are then kept fp32 from the most
 *    damaging down, and the smallest such set that reaches the target is found by bisection.
 *  - "leading-layers": the first k weighted layers and everything before them stay fp32 (for a
 *    detector whose stem sees raw 0..255 pixels the damage concentrates there).
 * Both assume agreement grows as more stays fp32, which held in every trial measured here.
 */

export type TuningMode = "sensitivity" | "leading-layers";

export interface Tuning {
  mode: TuningMode;
  target: number;
  judge: (candidate: ModelProto) => Promise<number>;
  error: (candidate: ModelProto) => Promise<number>;
}

export interface TuningResult {
  excludeNodes: string[];
  excludeTensors: string[];
  trials: { fp32: number; agreement: number }[];
}

type Apply = (model: ModelProto, plan: QdqPlan, ranges: Map<string, TensorRange>, compressFp32Weights: boolean) => void;

export async function tuneQdq(options: {
  model: ModelProto;
  plan: QdqPlanOptions;
  fullPlan: QdqPlan;
  ranges: Map<string, TensorRange>;
  tuning: Tuning;
  apply: Apply;
}): Promise<TuningResult> {
  const { model, plan, fullPlan, ranges, tuning, apply } = options;
  const graph = model.graph!;
  const trials: TuningResult["trials"] = [];
  let order: (k: number) => { excludeNodes: string[]; excludeTensors: string[] };
  let limit: number;
  if (tuning.mode === "leading-layers") {
    const weighted = graph.node.filter((n) => fullPlan.nodes.has(n) && plan.opTypes.includes(n.opType));
    limit = weighted.length;
    order = (k) => ({ excludeNodes: k === 0 ? [] : graph.node.slice(0, graph.node.indexOf(weighted[k - 1]) + 1).map((n) => n.name), excludeTensors: [] });
  } else {
    const damage: { tensor: string; error: number }[] = [];
    for (const tensor of fullPlan.tensors) {
      const probe = cloneModel(model);
      apply(probe, { nodes: new Set(), tensors: [tensor], tied: [] }, ranges, false);
      damage.push({ tensor, error: await tuning.error(probe) });
    }
    damage.sort((a, b) => b.error - a.error);
    limit = damage.length;
    order = (k) => ({ excludeNodes: [], excludeTensors: damage.slice(0, k).map((d) => d.tensor) });
  }
  const score = async (k: number) => {
    const candidate = cloneModel(model);
    const exclusions = order(k);
    const candidatePlan = planQdq(candidate.graph!, {
      ...plan,
      excludeNodes: [...plan.excludeNodes, ...exclusions.excludeNodes],
      excludeTensors: [...(plan.excludeTensors ?? []), ...exclusions.excludeTensors],
    });
    if (candidatePlan.nodes.size === 0) return 1;
    apply(candidate, candidatePlan, ranges, true);
    const agreement = await tuning.judge(candidate);
    trials.push({ fp32: k, agreement });
    return agreement;
  };
  let chosen = 0;
  if ((await score(0)) < tuning.target) {
    let low = 0; // fails the target
    let high = limit; // everything fp32: agrees by construction
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if ((await score(mid)) >= tuning.target) high = mid;
      else low = mid;
    }
    chosen = high;
  }
  return { ...order(chosen), trials };
}
