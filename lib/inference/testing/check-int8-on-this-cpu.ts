/**
 * What int8 inference answers on the CPU this process runs on, printed as one JSON line. Run by
 * lib/inference/int8-on-avx2.test.ts under `qemu-x86_64 -cpu Haswell` (an AVX2 CPU without VNNI):
 *
 *   node --conditions=react-server --import tsx lib/inference/testing/check-int8-on-this-cpu.ts <photo> [variant.onnx...]
 *
 * - the int8 remedy the app chooses here (the behaviour probe, not /proc/cpuinfo, which qemu-user
 *   fills with the host's flags);
 * - MobileNetV2-int8 (8-bit weights, from its vendor) on the photo through the app's own
 *   classification path, with ORT_X64_QUANT_PRECISION=auto and =off (the negative control);
 * - each given variant file (quantized by lib/optimize) run with the runtime option off and on:
 *   a variant whose weights fit the saturation guard gives the same output both ways.
 */
import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import { resetEnvForTests } from "@/lib/env";
import { forgetProcessSingletons } from "@/lib/process-singletons";
import { getInt8Remedy } from "../choose-int8-remedy";
import { classifyImage } from "../classify-image";
import { decodeImage } from "../image/decode-image";
import { releaseAllSessions } from "../session-pool";
import { buildSessionOptions } from "../session-options";

const [photo, ...variantFiles] = process.argv.slice(2);

async function classifyIn(mode: "auto" | "off") {
  process.env.ORT_X64_QUANT_PRECISION = mode;
  resetEnvForTests();
  forgetProcessSingletons("int8-remedy");
  await releaseAllSessions();
  const remedy = await getInt8Remedy();
  const image = await decodeImage(await readFile(photo), { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 });
  const { labels } = await classifyImage(image, { modelId: "mobilenetv2-int8", k: 3 });
  return {
    precisionOption: remedy.precisionOption,
    probe: remedy.probe,
    top3: labels.map((l) => ({ label: l.label, probability: Math.round(l.probability * 1000) / 1000 })),
  };
}

// Seeded inputs shaped like the small test graphs (values 0..1).
function inputs(count: number): Record<string, ort.Tensor>[] {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => ({ x: new ort.Tensor("float32", Float32Array.from({ length: 3 * 16 * 16 }, next), [1, 3, 16, 16]) }));
}

async function outputs(file: string, precisionOption: boolean) {
  const session = await ort.InferenceSession.create(file, buildSessionOptions({ threads: 1 }, precisionOption));
  const result: Float32Array[] = [];
  for (const feeds of inputs(4)) result.push(Float32Array.from((await session.run(feeds))[session.outputNames[0]].data as Float32Array));
  await session.release();
  return result;
}

async function variantCheck(file: string) {
  const [off, on] = [await outputs(file, false), await outputs(file, true)];
  let difference = 0;
  let scale = 0;
  off.forEach((o, i) => o.forEach((v, k) => ((difference = Math.max(difference, Math.abs(v - on[i][k]))), (scale = Math.max(scale, Math.abs(on[i][k]))))));
  return { file, maxRelativeDifference: difference / scale };
}

const auto = await classifyIn("auto");
const off = await classifyIn("off");
const variants = [];
for (const file of variantFiles) variants.push(await variantCheck(file));
console.log(JSON.stringify({ auto, off, variants }));
