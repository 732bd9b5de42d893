import { describe, expect, it } from "vitest";
import { expectProblem, jsonRequest } from "@/test/api-requests";
import type { ServingSpec } from "@/lib/models/manifest-schema";
import { getModelStore } from "@/lib/models/get-model-store";
import { getMetrics } from "@/lib/metrics/observe";
import { loadModel } from "@/lib/inference/session-pool";
import { POST } from "./route";

// Backpressure and deadlines through the real route and the real wrapper, on the PP-OCR direction
// classifier (x [-1, 3, -1, -1], shipped in an npm package). Each case serves the model under an id
// of its own, registered as the lab registers variants, with the serving settings it needs: a long
// batching window keeps the first request waiting in the queue, which is what lets a second one find
// the queue full, or the first one outlive its deadline, on a machine of any speed.
const PARENT = "ppocr-mobile-v2-cls";
const shape = [1, 3, 48, 192];
const data = Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.fround(Math.sin(i * 0.37) * 0.9));

async function serveAs(id: string, serving: ServingSpec) {
  const store = getModelStore();
  const parent = store.get(PARENT)!;
  const modelFile = parent.files.find((f) => f.role === "model")!;
  store.register(
    { ...parent, id, variant: "pruned", parent: PARENT, files: [{ ...modelFile, npm: undefined }], serving },
    { localFiles: { [modelFile.name]: (await store.filePath(PARENT, "model"))! } },
  );
  return loadModel(id);
}

const infer = (id: string, headers: Record<string, string> = {}) =>
  POST(jsonRequest(`http://localhost/v2/models/${id}/infer`, { inputs: [{ name: "x", shape, datatype: "FP32", data }] }, headers), {
    params: Promise.resolve({ name: id }),
  });

async function runsRecorded(model: string): Promise<number> {
  const { values } = await getMetrics().inferenceDuration.get();
  return values.find((v) => v.metricName?.endsWith("_count") && v.labels.model === model)?.value ?? 0;
}

async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error("condition not reached in 10 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("POST /v2/models/{name}/infer under load", () => {
  it("answers 503 problem+json with Retry-After at once when the model's queue is full, and still serves the queued request", async () => {
    const id = `${PARENT}-queue-limit-1`;
    const loaded = await serveAs(id, { batching: { maxBatchSize: 8, maxQueueDelayMs: 1500 }, queueLimit: 1 });
    const first = infer(id);
    await until(() => loaded.queue!.stats.waiting === 1);

    const startedAt = performance.now();
    const refused = await infer(id);
    expect(performance.now() - startedAt).toBeLessThan(1500);
    const problem = await expectProblem(refused, 503, { code: "service_unavailable", detail: /overloaded: 1 requests are already waiting/ });
    expect(problem).toMatchObject({ model: id, reason: "queue_full" });
    expect(problem.error).toBe(problem.detail);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const answered = await first;
    expect(answered.status).toBe(200);
    expect((await answered.json()).outputs[0].shape).toEqual([1, 2]);
    expect(loaded.queue!.stats).toMatchObject({ runs: 1, refusedQueueFull: 1 });
  });

  it("does not run a request that waited in the queue past its deadline (shortened by X-Request-Timeout-Ms) and answers 503", async () => {
    const id = `${PARENT}-deadline`;
    const loaded = await serveAs(id, { batching: { maxBatchSize: 8, maxQueueDelayMs: 2500 } });
    // 1 s: past the wrapper's own work (key check, rate limit, body) even on a busy machine, before the 2.5 s window ends.
    const response = await infer(id, { "x-request-timeout-ms": "1000" });
    const problem = await expectProblem(response, 503, { code: "service_unavailable", detail: /waited \d+ ms in its queue, past its deadline/ });
    expect(problem.reason).toBe("deadline_exceeded");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The session never ran: neither the queue's count nor the inference histogram moved.
    expect(loaded.queue!.stats).toMatchObject({ runs: 0, refusedDeadline: 1 });
    expect(await runsRecorded(id)).toBe(0);

    // The same request within its deadline runs (and is counted).
    expect((await infer(id)).status).toBe(200);
    expect(await runsRecorded(id)).toBe(1);
  });
});
