/**
 * What ONNX Runtime's CPU memory arena costs and saves per served model (the choice made in
 * lib/inference/session-options.ts): each model runs in a fresh child process, once with the arena and
 * once without, over the input shapes serving gives it (for the OCR detector, pages from 736 to 1600 px a
 * side; for the recogniser, batches of 6 lines from 320 to 1600 px wide), three rounds. Reports the
 * process's RSS after loading, its peak over the runs, and the CPU time (user + system, all threads) per
 * run in the last two rounds. Writes the table into docs/serving.md (`session-memory` section) with
 * `--write-docs`.
 *
 *   npx tsx --conditions=react-server scripts/measure-session-memory.ts [--write-docs] [--models id,id]
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    "write-docs": { type: "boolean", default: false },
    models: { type: "string" },
    child: { type: "string" },
    arena: { type: "string" },
  },
});

// The shapes each model meets in serving (NCHW), per run. Values of the inputs do not matter to memory.
const SHAPES: Record<string, number[][]> = {
  "ppocr-v4-det": [
    [1, 3, 736, 960],
    [1, 3, 1216, 1600],
    [1, 3, 960, 736],
    [1, 3, 1600, 1600],
    [1, 3, 1024, 736],
    [1, 3, 1600, 1216],
  ],
  "ppocr-v4-rec": [320, 640, 960, 1280, 1600].map((w) => [6, 3, 48, w]),
  "ppocr-mobile-v2-cls": [[6, 3, 48, 192]],
  "mobilenetv2-int8": [[1, 3, 224, 224]],
  "yolox-nano": [[1, 3, 416, 416]],
};

interface ChildResult {
  model: string;
  arena: boolean;
  loadedMb: number;
  peakMb: number;
  cpuMsPerRun: number;
}

async function child(modelId: string, arena: boolean): Promise<ChildResult> {
  const ort = await import("onnxruntime-node");
  const { getModelStore } = await import("../lib/models/get-model-store");
  const { sessionOptions } = await import("../lib/inference/session-options");
  const availability = await getModelStore().resolve(modelId);
  if (!availability.available) throw new Error(`${modelId}: ${availability.reason}`);
  const file = availability.files.find((f) => f.role === "model")!.path;
  const session = await ort.InferenceSession.create(file, await sessionOptions(file, { memoryArena: arena, threads: 1 }));
  const rss = () => process.memoryUsage().rss / 1e6;
  const loadedMb = rss();
  let peakMb = loadedMb;
  let cpuMs = 0;
  let runs = 0;
  for (let round = 0; round < 3; round++) {
    for (const dims of SHAPES[modelId]) {
      const size = dims.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
      const before = process.cpuUsage();
      await session.run({ [session.inputNames[0]]: new ort.Tensor("float32", data, dims) });
      const used = process.cpuUsage(before);
      if (round > 0) {
        cpuMs += (used.user + used.system) / 1000;
        runs++;
      }
      peakMb = Math.max(peakMb, rss());
    }
  }
  return { model: modelId, arena, loadedMb, peakMb, cpuMsPerRun: cpuMs / runs };
}

if (values.child) {
  const result = await child(values.child, values.arena === "on");
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

const models = values.models ? values.models.split(",") : Object.keys(SHAPES);
const results: ChildResult[] = [];
for (const model of models) {
  for (const arena of [true, false]) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1], "--child", model, "--arena", arena ? "on" : "off"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = out.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`no result from the ${model} child`);
    const result = JSON.parse(line.slice(7)) as ChildResult;
    results.push(result);
    console.log(
      `${model} arena ${arena ? "on " : "off"}: loaded ${result.loadedMb.toFixed(0)} MB, peak ${result.peakMb.toFixed(0)} MB, ${result.cpuMsPerRun.toFixed(1)} ms CPU/run`,
    );
  }
}

const { readCpuFeatures } = await import("../lib/inference/read-cpu-features");
const { getModelStore } = await import("../lib/models/get-model-store");
const cpu = readCpuFeatures();
const rows = models.map((model) => {
  const on = results.find((r) => r.model === model && r.arena)!;
  const off = results.find((r) => r.model === model && !r.arena)!;
  const chosen = getModelStore().get(model)?.serving?.memoryArena === false ? "off" : "on";
  return `| ${model} | ${on.peakMb.toFixed(0)} MB | ${off.peakMb.toFixed(0)} MB | ${on.cpuMsPerRun.toFixed(1)} | ${off.cpuMsPerRun.toFixed(1)} | ${chosen} |`;
});
const markdown = [
  `Peak RSS of a process holding one session (1 intra-op thread) over the shapes serving gives the model, with`,
  `ORT's CPU memory arena and without; CPU per run over the last two of three rounds. Written by`,
  `\`scripts/measure-session-memory.ts\` on ${os.cpus()[0]?.model.trim() ?? "?"} (${os.availableParallelism()} cores; ${cpu.flags.join(", ")}), ${new Date().toISOString().slice(0, 10)}.`,
  "",
  "| model | peak RSS, arena on | peak RSS, arena off | CPU ms/run, on | CPU ms/run, off | served with arena (manifest) |",
  "|---|---|---|---|---|---|",
  ...rows,
  "",
  "CPU figures on a busy 2-core machine vary by 10-30% between runs; the memory figures do not.",
].join("\n");
console.log(`\n${markdown}`);
if (values["write-docs"]) {
  const { writeReadmeSection } = await import("./write-readme-section");
  writeReadmeSection("session-memory", markdown);
}
