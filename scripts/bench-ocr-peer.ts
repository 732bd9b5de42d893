/**
 * Our OCR against tesseract.js, fairly (issue 21): tesseract.js in its best configuration per page
 * (orientation detection on the rotated pages), the same number of threads on both sides (1 and 2:
 * our ONNX Runtime intra-op threads, tesseract.js workers), decode inside the timing on both sides.
 * See scripts/ocr-peer/peer-plan.ts for the rules.
 *
 *   npx tsx --conditions=react-server scripts/bench-ocr-peer.ts [--runs 3] [--threads 1,2] [--write-readme]
 *
 * --write-readme replaces the `bench:ocr-peer` block (docs/documents-and-ocr.md) and the `ocr-peer-summary`
 * line (README.md). Run it alone on the machine: every figure is a CPU measurement.
 */
import os from "node:os";
import { readCpuFeatures } from "../lib/inference/read-cpu-features";
import { peerSummaryLine, peerTables } from "./ocr-peer/peer-markdown";
import { PEER_THREAD_SETTINGS } from "./ocr-peer/peer-plan";
import { measureOcrPeer } from "./ocr-peer/run-settings";
import { writeReadmeSection } from "./write-readme-section";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Math.max(1, Number(option("--runs") ?? 3) || 3);
const threads = option("--threads")?.split(",").map(Number) ?? [...PEER_THREAD_SETTINGS];
const log = (line: string) => console.error(`[bench:ocr-peer ${new Date().toISOString().slice(11, 19)}] ${line}`);

const startedAt = new Date();
const loadBefore = os.loadavg()[0];
const run = await measureOcrPeer({ threads, runs, log });
const loadAfter = os.loadavg()[0];
const cpu = readCpuFeatures();
// The load average says whether other work shared the cores: the figures are only comparable within one run then.
const contended = Math.max(loadBefore, loadAfter) > 1.5;
const machine = `${startedAt.toISOString().slice(0, 10)}, ${cpu.model}, ${os.cpus().length} cores (${cpu.flags.join(", ") || "flags unknown"}), Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end${contended ? ": other jobs shared the machine (contended), so compare the two sides within this run, not with other runs" : ""}.`;
const tables = peerTables(run, machine);
console.log(tables);
const summary = peerSummaryLine(run, `${startedAt.toISOString().slice(0, 10)}${contended ? ", contended" : ""}`);
console.log(`\n${summary}`);
if (args.includes("--write-readme")) {
  writeReadmeSection("bench:ocr-peer", tables);
  writeReadmeSection("ocr-peer-summary", summary);
  log("docs/documents-and-ocr.md and README.md updated");
}
process.exit(0);
