import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OverloadedError } from "../../domain-errors";
import { getModelStore } from "../../models/get-model-store";
import { runWithDeadline } from "../../request-deadline";
import { sessionOptions } from "../session-options";
import { ModelQueue } from "./model-queue";

// Real weights on deterministic inputs: the int8 MobileNetV2 classifier (input [batch, 3, 224, 224])
// and PP-OCRv4 recognition (input [batch, 3, 48, width]: any width, so only equal widths stack).
const sessions: Record<string, ort.InferenceSession> = {};
const open = async (id: string) => {
  const file = (await getModelStore().filePath(id, "model"))!;
  // The serving session options (ORT_INTRA_OP_THREADS), so what is compared is what is served.
  return ort.InferenceSession.create(file, await sessionOptions(file));
};

beforeAll(async () => {
  sessions.classifier = await open("mobilenetv2-int8");
  sessions.recognizer = await open("ppocr-v4-rec");
});
afterAll(async () => {
  await Promise.all(Object.values(sessions).map((s) => s.release()));
});

function pattern(dims: number[], seed: number): ort.Tensor {
  const length = dims.reduce((a, b) => a * b, 1);
  return new ort.Tensor(
    "float32",
    Float32Array.from({ length }, (_, i) => Math.fround(Math.sin(i * 0.013 * seed + seed) * 0.9)),
    dims,
  );
}

const queueOf = (session: ort.InferenceSession, batching: { maxBatchSize: number; maxQueueDelayMs: number } | null, queueLimit = 100) =>
  new ModelQueue({ id: "queue-test", variant: "full_precision" }, [session], { batching, sessions: 1, queueLimit });

const outputOf = (outputs: ort.InferenceSession.ReturnType) => Object.values(outputs)[0] as ort.Tensor;

describe("dynamic batching", () => {
  it("stacks concurrent classifier requests into one run and answers each exactly as a run of its own", async () => {
    const inputs = [1, 2, 3, 4].map((seed) => ({ input: pattern([1, 3, 224, 224], seed) }));
    const alone = queueOf(sessions.classifier, null);
    const expected: ort.Tensor[] = [];
    for (const feeds of inputs) expected.push(outputOf((await alone.run(feeds)).outputs));
    expect(alone.stats.runs).toBe(4);

    // A 50 ms window lets all four join the first request's batch.
    const batched = queueOf(sessions.classifier, { maxBatchSize: 8, maxQueueDelayMs: 50 });
    const answers = await Promise.all(inputs.map((feeds) => batched.run(feeds)));
    expect(batched.stats).toMatchObject({ runs: 1, requestsRun: 4 });
    answers.forEach(({ outputs }, i) => {
      const output = outputOf(outputs);
      expect(output.dims).toEqual([1, 1000]);
      // Element for element equal: ONNX Runtime's CPU kernels compute each row alike whatever the batch.
      expect(Array.from(output.data as Float32Array)).toEqual(Array.from(expected[i].data as Float32Array));
    });
  });

  it("stacks recognition lines only with lines of the same width, and splits multi-row requests back", async () => {
    const wide = [pattern([2, 3, 48, 160], 1), pattern([1, 3, 48, 160], 2)];
    const narrow = pattern([1, 3, 48, 96], 3);
    const alone = queueOf(sessions.recognizer, null);
    const expected: ort.Tensor[] = [];
    for (const x of [...wide, narrow]) expected.push(outputOf((await alone.run({ x })).outputs));

    const batched = queueOf(sessions.recognizer, { maxBatchSize: 8, maxQueueDelayMs: 50 });
    const answers = await Promise.all([...wide, narrow].map((x) => batched.run({ x })));
    // The two 160-wide requests (3 rows) in one run, the 96-wide one in another.
    expect(batched.stats).toMatchObject({ runs: 2, requestsRun: 3 });
    answers.forEach(({ outputs }, i) => {
      const output = outputOf(outputs);
      expect(output.dims).toEqual(expected[i].dims);
      // Element for element equal too (measured at 1, 2 and ORT's default threads: 0 of 1.3 M elements differ).
      expect(Array.from(output.data as Float32Array)).toEqual(Array.from(expected[i].data as Float32Array));
    });
  });
});

describe("backpressure and deadlines", () => {
  const deadlineIn = (ms: number) => ({ requestId: "test-request", deadlineAtMs: performance.now() + ms });

  it("refuses a request at once when the queue is full, with a Retry-After estimate", async () => {
    const queue = queueOf(sessions.classifier, { maxBatchSize: 8, maxQueueDelayMs: 300 }, 1);
    const first = runWithDeadline(deadlineIn(10_000), () => queue.run({ input: pattern([1, 3, 224, 224], 1) }));
    const second = runWithDeadline(deadlineIn(10_000), () => queue.run({ input: pattern([1, 3, 224, 224], 2) }));
    const refusal = await second.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OverloadedError);
    expect(refusal).toMatchObject({ reason: "queue_full", modelId: "queue-test" });
    expect((refusal as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await first;
    expect(queue.stats).toMatchObject({ runs: 1, requestsRun: 1, refusedQueueFull: 1 });
  });

  it("does not run a request whose deadline passed while it waited; work outside a request is never refused", async () => {
    const queue = queueOf(sessions.classifier, { maxBatchSize: 8, maxQueueDelayMs: 200 }, 1);
    const late = runWithDeadline(deadlineIn(50), () => queue.run({ input: pattern([1, 3, 224, 224], 1) }));
    await expect(late).rejects.toMatchObject({ name: "OverloadedError", reason: "deadline_exceeded" });
    expect(queue.stats).toMatchObject({ runs: 0, requestsRun: 0, refusedDeadline: 1 });

    // Already past its deadline on arrival: refused before it is queued.
    await expect(runWithDeadline(deadlineIn(-1), () => queue.run({ input: pattern([1, 3, 224, 224], 1) }))).rejects.toMatchObject({
      reason: "deadline_exceeded",
    });
    // No deadline (a batch job) and a full queue: both wait and run.
    const background = await Promise.all([1, 2].map((seed) => queue.run({ input: pattern([1, 3, 224, 224], seed) })));
    expect(background).toHaveLength(2);
    expect(queue.stats).toMatchObject({ runs: 1, requestsRun: 2, refusedDeadline: 2, refusedQueueFull: 0 });
  });
});
