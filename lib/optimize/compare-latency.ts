import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { percentile } from "@/lib/stats";
import { timeRuns } from "@/lib/timing";
import type { LatencyResult } from "./measure-latency";

/**
 * Latency of several models on the same input, measured in interleaved rounds (A, B, C, A, B, C...)
 * with all sessions open, so a burst of load from elsewhere on a shared machine hits every model
 * alike instead of whichever happened to be running. Per model: median and p95 wall time of
 * `session.run`, and process CPU time per run.
 */
export async function compareLatency(options: {
  models: { id: string; model: string | Uint8Array }[];
  feeds: Record<string, ort.Tensor>;
  threads: number;
  runs: number;
  rounds?: number;
  warmupRuns?: number;
}): Promise<Map<string, LatencyResult>> {
  const rounds = Math.max(1, Math.min(options.rounds ?? 5, options.runs));
  const sessions = await Promise.all(
    options.models.map(async ({ id, model }) => ({
      id,
      session: await ort.InferenceSession.create(model as string, await sessionOptions(model, { threads: options.threads })),
    })),
  );
  try {
    const times = new Map<string, number[]>(sessions.map((s) => [s.id, []]));
    const cpuMicros = new Map<string, number>(sessions.map((s) => [s.id, 0]));
    for (const { session } of sessions) for (let i = 0; i < (options.warmupRuns ?? 3); i++) await session.run(options.feeds);
    for (let round = 0; round < rounds; round++) {
      const runsThisRound = Math.floor(options.runs / rounds) + (round < options.runs % rounds ? 1 : 0);
      for (const { id, session } of sessions) {
        const timed = await timeRuns(() => session.run(options.feeds), { warmUp: 0, runs: runsThisRound });
        times.get(id)!.push(...timed.times);
        cpuMicros.set(id, cpuMicros.get(id)! + timed.cpuMsPerRun * 1000 * runsThisRound);
      }
    }
    return new Map(
      sessions.map(({ id }) => {
        const all = times.get(id)!;
        return [
          id,
          {
            threads: options.threads,
            runs: all.length,
            medianMs: percentile(all, 50),
            p95Ms: percentile(all, 95),
            cpuMsPerRun: cpuMicros.get(id)! / 1000 / all.length,
          },
        ];
      }),
    );
  } finally {
    await Promise.all(sessions.map(({ session }) => session.release()));
  }
}
