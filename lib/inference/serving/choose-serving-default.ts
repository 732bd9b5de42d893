import type { VariantKind } from "./model-roles";

/**
 * The serving-default rule of a model family, as a pure function of the lab's figures: serve the
 * fastest variant whose accuracy on held-out images is within `maxLossPoints` of full precision
 * (measured by the lab's benchmark on this machine); otherwise, or without figures, full precision.
 */

export interface MemberFigures {
  modelId: string;
  variant: VariantKind;
  /** Whether its files and session can be had on this instance. */
  available: boolean;
  /** Median latency of one input at `threads` intra-op threads, from the newest benchmark on this machine. */
  p50Ms?: number;
  threads?: number;
  /** The task's primary accuracy metric on held-out data, as a fraction (0.93 = 93%). */
  accuracy?: { metric: string; value: number; higherIsBetter: boolean; dataset: string };
}

export interface ConsideredVariant {
  modelId: string;
  variant: VariantKind;
  p50Ms: number | null;
  accuracy: NonNullable<MemberFigures["accuracy"]> | null;
  /** Accuracy lost against full precision in percentage points (negative: it gained). */
  lossPoints: number | null;
  eligible: boolean;
  why: string;
}

export interface ServingDefault {
  modelId: string;
  variant: VariantKind;
  rule: "fastest_within_tolerance" | "full_precision" | "no_figures" | "no_full_precision";
  reason: string;
  /** Every member the rule looked at, with the figures and why it was or was not eligible. */
  considered: ConsideredVariant[];
}

export const MAX_ACCURACY_LOSS_POINTS = 1;

/**
 * Tighter tolerances for metrics where one point is a large relative change. OCR's character error
 * rate is about 1% on the evaluation pages with full precision: one point would let a variant double
 * the errors, so an OCR variant may add at most half a point of mean CER.
 */
export const MAX_LOSS_POINTS_BY_METRIC: Record<string, number> = { cer: 0.5 };

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function chooseServingDefault({
  family,
  baseModelId,
  members,
  maxLossPoints: givenMaxLossPoints,
}: {
  family: string;
  /** The manifest model the family is built around: what serves when nothing else can be judged. */
  baseModelId: string;
  members: MemberFigures[];
  /** Default: the metric's own tolerance (MAX_LOSS_POINTS_BY_METRIC), else MAX_ACCURACY_LOSS_POINTS. */
  maxLossPoints?: number;
}): ServingDefault {
  const base = members.find((m) => m.modelId === baseModelId);
  const reference = base?.variant === "full_precision" ? base : members.find((m) => m.variant === "full_precision");
  const fallback = reference ?? base ?? members[0];
  if (!fallback) throw new Error(`family ${family} has no members`);
  const answer = (modelId: string, rule: ServingDefault["rule"], reason: string, considered: ConsideredVariant[] = []): ServingDefault => ({
    modelId,
    variant: members.find((m) => m.modelId === modelId)!.variant,
    rule,
    reason,
    considered,
  });
  if (!reference) {
    return answer(
      fallback.modelId,
      "no_full_precision",
      `${family} has no full-precision member to measure accuracy loss against; its base model ${fallback.modelId} serves.`,
    );
  }
  if (reference.p50Ms === undefined || !reference.accuracy) {
    return answer(
      reference.modelId,
      "no_figures",
      `No benchmark figures (latency and held-out accuracy) for ${reference.modelId} on this machine yet: full precision serves.`,
    );
  }
  const maxLossPoints = givenMaxLossPoints ?? MAX_LOSS_POINTS_BY_METRIC[reference.accuracy.metric] ?? MAX_ACCURACY_LOSS_POINTS;
  const considered = members.filter((m) => m !== reference).map((m) => judge(m, reference, maxLossPoints));
  const fastest = considered.filter((c) => c.eligible).sort((a, b) => a.p50Ms! - b.p50Ms!)[0];
  if (!fastest) {
    return answer(
      reference.modelId,
      "full_precision",
      considered.length
        ? `No variant is both faster than ${reference.modelId} (p50 ${reference.p50Ms} ms) and within ${maxLossPoints} point of its ${reference.accuracy.metric}: full precision serves.`
        : `${family} has no other variant on this instance: full precision serves.`,
      considered,
    );
  }
  return answer(
    fastest.modelId,
    "fastest_within_tolerance",
    `${fastest.modelId} is the fastest variant within ${maxLossPoints} point of full precision on held-out data: p50 ${fastest.p50Ms} ms vs ${reference.p50Ms} ms, ${reference.accuracy.metric} ${fastest.accuracy!.value} vs ${reference.accuracy.value} (${fastest.lossPoints! > 0 ? "-" : "+"}${Math.abs(fastest.lossPoints!)} pt).`,
    considered,
  );
}

function judge(member: MemberFigures, reference: MemberFigures, maxLossPoints: number): ConsideredVariant {
  const refAccuracy = reference.accuracy!;
  const lossPoints =
    member.accuracy && member.accuracy.metric === refAccuracy.metric
      ? round((refAccuracy.higherIsBetter ? refAccuracy.value - member.accuracy.value : member.accuracy.value - refAccuracy.value) * 100, 2)
      : null;
  const row = { modelId: member.modelId, variant: member.variant, p50Ms: member.p50Ms ?? null, accuracy: member.accuracy ?? null, lossPoints };
  const verdict = (eligible: boolean, why: string): ConsideredVariant => ({ ...row, eligible, why });
  if (!member.available) return verdict(false, "not available on this instance");
  if (member.p50Ms === undefined || !member.accuracy) return verdict(false, "not benchmarked on this machine yet");
  if (lossPoints === null) return verdict(false, `measured with ${member.accuracy.metric}, not ${refAccuracy.metric}`);
  if (member.threads !== reference.threads) return verdict(false, `latency measured at ${member.threads} threads, the reference at ${reference.threads}`);
  if (lossPoints > maxLossPoints) return verdict(false, `loses ${lossPoints} points of ${refAccuracy.metric} (more than ${maxLossPoints})`);
  if (member.p50Ms >= reference.p50Ms!) return verdict(false, `not faster than full precision (${member.p50Ms} ms vs ${reference.p50Ms} ms)`);
  return verdict(true, `within ${maxLossPoints} point and faster`);
}
