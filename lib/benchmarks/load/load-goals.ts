import { formatMs, formatNumber, formatPercent, secondsToMs } from "../../format";
import type { BatchingSwitch, LoadCell, LoadRoute, LoadRun } from "./load-run-schema";

/**
 * The serving goals (issue 21) read off one load run, for the README's performance block: each goal,
 * the figure the run measured and whether it is met. Nothing here is typed by hand: a goal without a
 * figure in the run says "not measured".
 */

export const LOAD_GOALS = {
  /** Throughput at the highest concurrency, as a share of cores / single-stream CPU per request. */
  shareOfLimit: 0.85,
  /** p50 over HTTP minus the same library call in process, at concurrency 1. */
  httpOverheadMs: 5,
  /** Server CPU per safety request at concurrency 1. */
  safetyCpuMs: 6,
  /** Peak RSS of the server's process group over the whole run: 1.2 GB. */
  peakRssMiB: 1.2e9 / 2 ** 20,
} as const;

export interface GoalRow {
  goal: string;
  figure: string;
  met: boolean | null;
}

const ALLOWED_UNDER_LOAD = /^(2\d\d|429|503)$/;

/** The batching switch the goals are read on: the serving default ("on") when the run has it. */
function goalSwitch(run: Pick<LoadRun, "cells">): BatchingSwitch | undefined {
  const switches = new Set(run.cells.map((c) => c.batching));
  return switches.has("on") ? "on" : [...switches][0];
}

export function loadGoals(run: Pick<LoadRun, "cells" | "machineLimits" | "httpOverhead">): GoalRow[] {
  const batching = goalSwitch(run);
  const cells = run.cells.filter((c) => c.batching === batching);
  const routes = [...new Set(cells.map((c) => c.route))] as LoadRoute[];
  const rows: GoalRow[] = [];
  for (const route of routes) {
    const limit = run.machineLimits.find((l) => l.route === route && l.batching === batching);
    const highest = cells.filter((c) => c.route === route).sort((a, b) => b.concurrency - a.concurrency)[0] as LoadCell;
    const disallowed = Object.entries(highest.statusCounts)
      .filter(([status]) => !ALLOWED_UNDER_LOAD.test(status))
      .map(([status, count]) => `${status}×${count}`);
    if (highest.timeouts) disallowed.push(`timeout×${highest.timeouts}`);
    if (highest.connectionErrors) disallowed.push(`conn×${highest.connectionErrors}`);
    const share = limit?.shareOfLimit ?? null;
    rows.push({
      goal: `${route}: c=${highest.concurrency} ≥ ${formatPercent(LOAD_GOALS.shareOfLimit)} of the machine limit, only 2xx/429/503`,
      figure: `${formatPercent(share)} of ${formatNumber(limit?.limitRps)} req/s (${formatNumber(highest.throughputRps)} req/s); ${disallowed.length ? disallowed.join(" ") : "statuses allowed"}`,
      met: share == null ? null : share >= LOAD_GOALS.shareOfLimit && disallowed.length === 0,
    });
    const overhead = run.httpOverhead.find((h) => h.route === route && h.batching === batching);
    // A negative difference means the in-process call was slower than the same work behind HTTP (the bench
    // process is not the server: its own pools, compiled code and warm-up), so it measures no overhead.
    const overheadMs = overhead?.overheadMs ?? null;
    const comparable = overheadMs != null && overheadMs >= 0;
    rows.push({
      goal: `${route}: HTTP overhead at c=1 ≤ ${LOAD_GOALS.httpOverheadMs} ms`,
      figure:
        overhead == null || overheadMs == null
          ? "not measured"
          : `${formatMs(overheadMs, 1)} (${formatMs(overhead.httpP50Ms, 1)} vs ${formatMs(overhead.inProcessMedianMs, 1)} in process)${comparable ? "" : "; the in-process call was slower: no overhead measured"}`,
      met: comparable ? overheadMs <= LOAD_GOALS.httpOverheadMs : null,
    });
  }
  const safety = cells.find((c) => c.route === "safety" && c.concurrency === 1);
  const safetyCpuMs = safety?.cpuSecondsPerRequest == null ? null : secondsToMs(safety.cpuSecondsPerRequest);
  rows.push({
    goal: `safety: server CPU per request at c=1 ≤ ${LOAD_GOALS.safetyCpuMs} ms`,
    figure: safetyCpuMs == null ? "not measured" : formatMs(safetyCpuMs, 1),
    met: safetyCpuMs == null ? null : safetyCpuMs <= LOAD_GOALS.safetyCpuMs,
  });
  const peaks = run.cells.map((c) => c.peakRssMiB).filter((v): v is number => v != null);
  const peak = peaks.length ? Math.max(...peaks) : null;
  rows.push({
    goal: "the whole app warm on every route: peak RSS ≤ 1.2 GB (1,144 MiB)",
    figure: peak == null ? "not measured" : `${formatNumber(peak, 0)} MiB`,
    met: peak == null ? null : peak <= LOAD_GOALS.peakRssMiB,
  });
  return rows;
}

export function loadGoalsMarkdown(run: Pick<LoadRun, "cells" | "machineLimits" | "httpOverhead">, machine: string): string {
  const rows = loadGoals(run);
  const mark = (met: boolean | null) => (met == null ? "not measured" : met ? "met" : "missed");
  return [
    `${machine} Batching ${goalSwitch(run) ?? "—"}; every figure from the same run of \`npm run bench:load\` (full table: [docs/serving.md](docs/serving.md#serving-under-load)).`,
    "",
    "| goal | measured | |",
    "| --- | --- | --- |",
    ...rows.map((r) => `| ${r.goal} | ${r.figure} | ${mark(r.met)} |`),
  ].join("\n");
}
