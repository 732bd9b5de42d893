import { getMetrics } from "../../../metrics/observe";

/** How many session runs each model id has had in this process (the inference histogram's counts): what ran, observed from outside. */
export async function inferenceCounts(): Promise<Record<string, number>> {
  const { values } = await getMetrics().inferenceDuration.get();
  return Object.fromEntries(values.filter((v) => v.metricName?.endsWith("_count")).map((v) => [String(v.labels.model), v.value]));
}

/** The models whose run count moved between two readings. */
export function modelsThatRan(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((model) => after[model] !== (before[model] ?? 0))
    .sort();
}
