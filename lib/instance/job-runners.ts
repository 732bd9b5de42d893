import "server-only";
import { failBatchItem, runBatchItem } from "../batch/run-batch-item";
import { benchmarkJobRunner } from "../benchmarks/benchmark-job";
import { campaignJobRunner } from "../benchmarks/red-team-campaign-job";
import { getDatabase } from "../db/client";
import { getEnv } from "../env";
import { type JobRunners, startWorkers } from "../jobs/start-workers";
import { runMaintenance } from "./maintenance";
import { safetyBenchmarkJobRunner, variantJobRunner } from "./model-lab";

/**
 * The app's job runners, handed to the queue (lib/jobs) when this process starts working it: the
 * queue is a mechanism and names none of the features it runs. A runner left out here fails
 * `startWorkers` at once, naming its queue or kind (and fails the type check before that).
 */
export function jobRunners(): JobRunners {
  return {
    queues: {
      // Batch items are CPU-bound analyses: JOB_CONCURRENCY of them at a time (default 1), so a web
      // process that also works the queue keeps a core for its requests.
      "batch-item": { run: runBatchItem, pollingIntervalSeconds: 1, concurrency: getEnv().JOB_CONCURRENCY },
      "batch-item-dead": { run: failBatchItem, pollingIntervalSeconds: 2 },
      // Usage roll-ups, expired guests and old rate-limit counters (scheduled every five minutes).
      maintenance: { run: async () => runMaintenance({ db: (await getDatabase()).db }), pollingIntervalSeconds: 5 },
    },
    trackedKinds: {
      benchmark: benchmarkJobRunner,
      variant: variantJobRunner,
      "safety-benchmark": safetyBenchmarkJobRunner,
      "red-team": campaignJobRunner,
    },
  };
}

/** Makes this process a worker of every queue, with the app's runners. */
export function startJobWorkers(): Promise<void> {
  return startWorkers(jobRunners());
}
