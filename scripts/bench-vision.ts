/**
 * Vision pipeline benchmark: per model and photo, the median latency of the two floors — raw
 * `session.run` on a prepared tensor, and sharp's fastest decode-and-resize of the same file alone —
 * and of the whole pipeline (decode + preprocess + run + postprocess), so the cost of the glue over
 * the floors is visible.
 *
 *   npx tsx --conditions=react-server scripts/bench-vision.ts [--runs 20] [--write-readme]
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { median } from "../lib/stats";
import { timeRuns } from "../lib/timing";
import { classifyImage } from "../lib/inference/classify-image";
import { detectObjects } from "../lib/inference/detect-objects";
import { decodeImage } from "../lib/inference/image/decode-image";
import { imageToTensor } from "../lib/inference/image/image-to-tensor";
import { loadModel } from "../lib/inference/session-pool";
import { writeReadmeSection } from "./write-readme-section";
import { requireEvalDir } from "./require-eval-dir";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 20;
const writeReadme = args.includes("--write-readme");
const evalDir = requireEvalDir();
const photos = ["coral_cat_720p.jpg", "skimage_coffee.png", "coral_pets.jpg", "coral_kite_and_cold.jpg", "coral_grace_hopper.bmp"];
const models = [
  { id: "mobilenetv2-int8", run: classifyImage },
  { id: "yolox-nano", run: detectObjects },
];
const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };
const ms = (v: number) => v.toFixed(1);

interface Row {
  model: string;
  photo: string;
  pixels: string;
  sessionRunMs: number;
  decodeResizeMs: number;
  pipelineMs: number;
  decodeMs: number;
  preprocessMs: number;
  postprocessMs: number;
}
const rows: Row[] = [];

for (const model of models) {
  const loaded = await loadModel(model.id);
  const input = loaded.entry.input!;
  for (const photo of photos) {
    const bytes = readFileSync(path.join(evalDir, "images", "photos", photo));
    const decoded = await decodeImage(bytes, limits);
    const prepared = await imageToTensor(decoded, input);
    // The three measurements are interleaved run by run, so load from elsewhere on this noisy 2-core
    // machine falls on all of them alike instead of on whichever happened to run during it.
    const floorDecodeResize = async () => {
      if (decoded.format === "bmp") {
        // BMP is not a libvips format: its floor is our own decoder plus the resize.
        const image = await decodeImage(bytes, limits);
        await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } })
          .resize(input.width, input.height, { fit: "fill", kernel: "linear" })
          .raw()
          .toBuffer();
      } else {
        // sharp's fastest path from the file's bytes to model-sized pixels: shrink-on-load, the pipeline's
        // bilinear kernel (sharp's default lanczos3 is slower), no rotation, no normalisation.
        await sharp(bytes).resize(input.width, input.height, { fit: "fill", kernel: "linear" }).raw().toBuffer();
      }
    };
    const stages: { decode: number[]; pre: number[]; post: number[] } = { decode: [], pre: [], post: [] };
    const wholePipeline = async () => {
      const image = await decodeImage(bytes, limits);
      const result = await model.run(image, { modelId: model.id });
      stages.decode.push(image.decodeMs);
      stages.pre.push(result.timings.preprocessMs);
      stages.post.push(result.timings.postprocessMs);
    };
    const sessionRun: number[] = [];
    const decodeResize: number[] = [];
    const pipeline: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const measured = i >= 3;
      const {
        times: [a],
      } = await timeRuns(() => loaded.session.run({ [input.tensor]: prepared.tensor }), { warmUp: 0, runs: 1 });
      const {
        times: [b],
      } = await timeRuns(floorDecodeResize, { warmUp: 0, runs: 1 });
      const {
        times: [c],
      } = await timeRuns(wholePipeline, { warmUp: 0, runs: 1 });
      if (measured) {
        sessionRun.push(a);
        decodeResize.push(b);
        pipeline.push(c);
      }
    }
    rows.push({
      model: model.id,
      photo,
      pixels: `${decoded.width}x${decoded.height}`,
      sessionRunMs: median(sessionRun),
      decodeResizeMs: median(decodeResize),
      pipelineMs: median(pipeline),
      decodeMs: median(stages.decode.slice(-runs)),
      preprocessMs: median(stages.pre.slice(-runs)),
      postprocessMs: median(stages.post.slice(-runs)),
    });
    console.error(`measured ${model.id} on ${photo}`);
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const lines = [
  `${new Date().toISOString().slice(0, 10)}, ${cpu}, ${os.cpus().length} cores, Node ${process.version}; ${runs} interleaved runs after 3 warm-up runs; medians in ms.`,
  "",
  "| model | photo | pixels | floor: session.run | floor: sharp decode+resize | floors sum | whole pipeline | glue over floors | decode (full, upright RGB) | preprocess | postprocess |",
  "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map((r) => {
    const floors = r.sessionRunMs + r.decodeResizeMs;
    return `| ${r.model} | ${r.photo} | ${r.pixels} | ${ms(r.sessionRunMs)} | ${ms(r.decodeResizeMs)} | ${ms(floors)} | ${ms(r.pipelineMs)} | ${ms(r.pipelineMs - floors)} (${(r.pipelineMs / floors).toFixed(2)}x) | ${ms(r.decodeMs)} | ${ms(r.preprocessMs)} | ${ms(r.postprocessMs)} |`;
  }),
];
console.log(lines.join("\n"));
if (writeReadme) writeReadmeSection("bench:vision", lines.join("\n"));
