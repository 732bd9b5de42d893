import { describe, expect, it } from "vitest";
import { type JobRunners, startWorkers } from "./start-workers";

const idle = { run: async () => {} };
const trackedKinds: JobRunners["trackedKinds"] = { benchmark: idle, variant: idle, "safety-benchmark": idle, "red-team": idle };

describe("startWorkers", () => {
  it("fails at start, naming the queue, when a feature queue's runner was not handed in", async () => {
    const queues = { "batch-item": { ...idle, pollingIntervalSeconds: 1 }, "batch-item-dead": { ...idle, pollingIntervalSeconds: 1 } };
    await expect(startWorkers({ queues, trackedKinds } as never)).rejects.toThrow('no runner was handed for the "maintenance" queue');
  });

  it("fails at start, naming the kind, when a tracked kind's runner was not handed in", async () => {
    const queues = {
      "batch-item": { ...idle, pollingIntervalSeconds: 1 },
      "batch-item-dead": { ...idle, pollingIntervalSeconds: 1 },
      maintenance: { ...idle, pollingIntervalSeconds: 5 },
    };
    const { "red-team": _left, ...three } = trackedKinds;
    await expect(startWorkers({ queues, trackedKinds: three } as never)).rejects.toThrow('no runner was handed for tracked jobs of kind "red-team"');
  });
});
