import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { percentile, type LatencyResult } from "./measure-latency";

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
        const cpuBefore = process.cpuUsage();
        for (let i = 0; i < runsThisRound; i++) {
          const startedAt = performance.now();
          await session.run(options.feeds);
          times.get(id)!.push(performance.now() - startedAt);
        }
        const cpu = process.cpuUsage(cpuBefore);
        cpuMicros.set(id, cpuMicros.get(id)! + cpu.user + cpu.system);
      }
    }
    return new Map(
      sessions.map(({ id }) => {
        const sorted = times.get(id)!.sort((a, b) => a - b);
        return [id, { threads: options.threads, runs: sorted.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), cpuMsPerRun: cpuMicros.get(id)! / 1000 / sorted.length }];
      }),
    );
  } finally {
    await Promise.all(sessions.map(({ session }) => session.release()));
  }
}
