import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getModelStore } from "@/lib/models/get-model-store";
import { compareCpuRuns } from "./compare-cpu-runs";
import type { CpuRunResult, PortabilityJob } from "./portability-job";
import { saveTensor } from "./saved-tensors";

/**
 * The comparer the cross-CPU test relies on reports a changed answer (so that test can fail): CTC
 * outputs whose argmax path differs at one step read as different text, a probability map with one
 * pixel across DBNet's threshold is a different map, and identical outputs are the same answer.
 */

const work = mkdtempSync(path.join(os.tmpdir(), "ie-compare-cpu-runs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STEPS = 4;
const CLASSES = 6625;

/** CTC probabilities whose argmax per step is the given class (0 = blank). */
function ctc(path: number[]): Float32Array {
  const data = new Float32Array(STEPS * CLASSES).fill(0.0001);
  path.forEach((c, t) => (data[t * CLASSES + c] = 0.9));
  return data;
}

function run(dir: string, outputs: Record<string, { data: Float32Array; dims: number[] }[]>, precisionOption = false): { result: CpuRunResult; dir: string } {
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    result: {
      remedy: { mode: "auto", precisionOption, saturates: precisionOption },
      models: Object.entries(outputs).map(([id, list]) => ({
        id,
        precisionOption,
        outputs: list.map((o, i) => saveTensor(dir, `${id}-${i}.f32`, o.data, o.dims)),
        runSeconds: 1,
      })),
    },
  };
}

describe("compareCpuRuns", () => {
  it("reports a line read differently and a map that crosses the threshold, and nothing else", async () => {
    const store = getModelStore();
    const entries = new Map([
      ["ppocr-v4-rec", store.get("ppocr-v4-rec")!],
      ["ppocr-v4-det", store.get("ppocr-v4-det")!],
    ]);
    const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ source: `line${i}`, file: "unused", dims: [1] }));
    const job: PortabilityJob = {
      inputDir: work,
      models: [
        { id: "ppocr-v4-rec", inputs: inputs(2) },
        { id: "ppocr-v4-det", inputs: inputs(2) },
      ],
    };
    const map = (values: number[]) => ({ data: Float32Array.from(values), dims: [1, 1, 2, 2] });
    const reference = run(path.join(work, "a"), {
      "ppocr-v4-rec": [
        { data: ctc([5, 0, 7, 7]), dims: [1, STEPS, CLASSES] },
        { data: ctc([9, 9, 0, 9]), dims: [1, STEPS, CLASSES] },
      ],
      "ppocr-v4-det": [map([0.1, 0.2, 0.8, 0.9]), map([0.1, 0.29, 0.8, 0.9])],
    });
    const other = run(
      path.join(work, "b"),
      {
        "ppocr-v4-rec": [
          { data: ctc([5, 0, 7, 7]), dims: [1, STEPS, CLASSES] },
          { data: ctc([9, 9, 9, 9]), dims: [1, STEPS, CLASSES] }, // the blank between the two 9s is gone: one character less
        ],
        "ppocr-v4-det": [map([0.1, 0.2, 0.8, 0.9]), map([0.1, 0.31, 0.8, 0.9])],
      },
      true,
    );
    const [rec, det] = await compareCpuRuns({ job, entries, reference, other });
    expect(rec.sameAnswers).toBe(1);
    expect(rec.differing).toHaveLength(1);
    expect(rec.differing[0].source).toBe("line1");
    expect(rec.differing[0].reference).toHaveLength(2);
    expect(rec.differing[0].other).toHaveLength(1);
    expect(rec.agreement.value).toBeCloseTo(1 - 1 / 4, 5);
    expect(rec.maxAbsDifference).toBeCloseTo(0.9 - 0.0001, 5);
    expect(rec.precisionOption).toEqual({ reference: false, other: true });
    expect(det.differing.map((d) => d.source)).toEqual(["line1"]);
    expect(det.maxAbsDifference).toBeCloseTo(0.02, 5);
  });
});
