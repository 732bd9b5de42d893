import { round } from "../../stats";
import { disallowedUnderOverload, findCell, machineLimits, rssDrift, throughputRatio } from "./load-figures";
import type { BatchingSwitch, LoadCell, LoadRoute, LoadRun } from "./load-run-schema";

/**
 * Everything a load run reports beyond its cells, derived from them in one place: the machine limit
 * per route, HTTP overhead at concurrency 1 over the in-process call, labels-only vs all-tasks
 * throughput, what the highest concurrency answered (the overload check) and the RSS drift.
 */

export interface DeriveInput {
  cells: LoadCell[];
  cores: number;
  /** Median ms of the same work called in process, per route (image-text all tasks, safety). */
  inProcessMs: Partial<Record<LoadRoute, number>>;
  drift: { route: LoadRoute; batching: BatchingSwitch; concurrency: number; durationSeconds: number; samplesMiB: number[] } | null;
  deadlineMs: number | null;
}

export function deriveLoadFigures(input: DeriveInput): Pick<LoadRun, "machineLimits" | "httpOverhead" | "labelsVsAll" | "overload" | "rssDrift"> {
  const { cells } = input;
  const switches = [...new Set(cells.map((c) => c.batching))];
  const concurrencies = [...new Set(cells.map((c) => c.concurrency))].sort((a, b) => a - b);
  const highest = concurrencies.at(-1) ?? 1;

  const httpOverhead = switches.flatMap((batching) =>
    (Object.entries(input.inProcessMs) as [LoadRoute, number][]).map(([route, inProcessMedianMs]) => {
      const httpP50Ms = findCell(cells, route, batching, 1)?.latencyMs.p50 ?? null;
      return { route, batching, inProcessMedianMs, httpP50Ms, overheadMs: httpP50Ms == null ? null : round(httpP50Ms - inProcessMedianMs, 2) };
    }),
  );

  const labelsVsAll = switches.flatMap((batching) =>
    concurrencies
      .filter((c) => findCell(cells, "image-text-labels", batching, c) && findCell(cells, "image-text-all", batching, c))
      .map((concurrency) => ({
        batching,
        concurrency,
        ratio: throughputRatio(
          findCell(cells, "image-text-labels", batching, concurrency)?.throughputRps,
          findCell(cells, "image-text-all", batching, concurrency)?.throughputRps,
        ),
      })),
  );

  const overload = cells
    .filter((c) => c.concurrency === highest && highest > 1)
    .map((c) => ({
      batching: c.batching,
      route: c.route,
      concurrency: c.concurrency,
      disallowed: disallowedUnderOverload(c),
      p99Ms: c.latencyMs.p99,
      deadlineMs: input.deadlineMs,
      p99WithinDeadline: input.deadlineMs == null || c.latencyMs.p99 == null ? null : c.latencyMs.p99 <= input.deadlineMs,
    }));

  const drift = input.drift;
  return {
    machineLimits: machineLimits(cells, input.cores),
    httpOverhead,
    labelsVsAll,
    overload,
    rssDrift: drift
      ? { route: drift.route, batching: drift.batching, concurrency: drift.concurrency, durationSeconds: drift.durationSeconds, ...rssDrift(drift.samplesMiB) }
      : null,
  };
}
